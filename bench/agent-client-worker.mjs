// The client side of the agent-server bench, on its own thread so it shares no event loop with the studio it goes
// through: keystroke round trips and output throughput over a terminal WebSocket, and directory listings over HTTP
// (or straight from the disk, the baseline). One task per worker; the answer is posted back once.
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/** Printed with `printf 'BENCH%s<word>' -`, so the command line's own echo never matches. */
const marker = (word) => `BENCH-${word}`;
const printMarker = (word) => `printf 'BENCH%s${word}' -`;

/** A terminal WebSocket: binary frames are output, text frames the node's control messages. */
class Terminal {
  constructor(url, headers) {
    this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
    this.onOutput = null;
    this.ready = new Promise((resolve, reject) => {
      this.ws.on('message', (data, isBinary) => {
        if (isBinary) {
          this.onOutput?.(data);
          return;
        }
        const message = JSON.parse(data.toString('utf8'));
        if (message.type === 'ready') resolve();
        else if (message.type === 'error') reject(new Error(`terminal error: ${message.message}`));
      });
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`${url}: HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
      this.ws.once('close', (code, reason) => {
        const error = new Error(`${url}: closed with ${code} ${reason.toString('utf8')}`);
        reject(error);
        this.closed?.(error);
      });
    });
  }

  type(text) {
    this.ws.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  /** Resolves once `text` appears in the output after this call (a match may span frames). */
  waitFor(text) {
    let seen = '';
    return new Promise((resolve, reject) => {
      this.closed = reject;
      this.onOutput = (chunk) => {
        seen = (seen + chunk.toString('latin1')).slice(-4096);
        if (seen.includes(text)) {
          this.onOutput = null;
          resolve();
        }
      };
    });
  }

  close() {
    this.closed = null;
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/**
 * `cat` on a raw, non-echoing tty: each byte typed comes back exactly once, from a process, as a shell's own echo
 * would. One keystroke in flight at a time; the echo must be that byte alone.
 */
async function keystrokes({ url, headers, warmup, count }) {
  const terminal = new Terminal(url, headers);
  await terminal.ready;
  const started = terminal.waitFor(marker('READY'));
  terminal.type(`stty raw -echo; ${printMarker('READY')}; exec cat\r`);
  await started;
  const times = new Float64Array(count);
  for (let i = 0; i < warmup + count; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const echoed = new Promise((resolve, reject) => {
      terminal.closed = reject;
      terminal.onOutput = (chunk) => {
        const text = chunk.toString('latin1');
        if (text !== key) reject(new Error(`keystroke ${JSON.stringify(key)} echoed as ${JSON.stringify(text)}`));
        else resolve();
      };
    });
    const begun = performance.now();
    terminal.type(key);
    await echoed;
    if (i >= warmup) times[i - warmup] = performance.now() - begun;
  }
  await terminal.close();
  return { times };
}

/** Runs `command` in the terminal's shell and counts the bytes received until its end marker. */
async function throughput({ url, headers, command, runs }) {
  const terminal = new Terminal(url, headers);
  await terminal.ready;
  const up = terminal.waitFor(marker('UP'));
  terminal.type(`${printMarker('UP')}\r`);
  await up;
  const results = [];
  for (let run = 0; run < runs; run++) {
    let bytes = 0;
    let seen = '';
    const done = new Promise((resolve, reject) => {
      terminal.closed = reject;
      terminal.onOutput = (chunk) => {
        bytes += chunk.length;
        seen = (seen + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-128);
        if (seen.includes(marker(`DONE${run}`))) resolve();
      };
    });
    const begun = performance.now();
    terminal.type(`${command}; ${printMarker(`DONE${run}`)}\r`);
    await done;
    results.push({ bytes, seconds: (performance.now() - begun) / 1000 });
  }
  await terminal.close();
  return { runs: results };
}

/** One GET of a listing, its answer parsed and its size checked; the answer's size in bytes. */
async function getListing(url, headers, entries) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  const body = JSON.parse(text);
  if (res.status !== 200 || body.entries?.length !== entries || body.truncated) {
    throw new Error(`${url} answered ${res.status} with ${body.entries?.length ?? 'no'} entries`);
  }
  return Buffer.byteLength(text);
}

/**
 * The baseline: readdir, then lstat every entry, `batch` at a time as the node does (all 10,000 at once is slower:
 * the promises queue for libuv's four threads).
 */
async function readListing(dir, batch, entries) {
  const names = await fs.readdir(dir);
  let count = 0;
  for (let start = 0; start < names.length; start += batch) {
    const slice = names.slice(start, start + batch);
    count += (await Promise.all(slice.map((name) => fs.lstat(path.join(dir, name))))).length;
  }
  if (count !== entries) throw new Error(`${dir} holds ${count} entries, not ${entries}`);
}

/**
 * The baseline and every HTTP path in turn, `warmup + count` rounds, so a machine that slows down or speeds up during
 * the cell weighs on all paths alike. Times in ms per path, in the order given (the baseline first).
 */
async function listings({ dir, batch, http, warmup, count, entries }) {
  const runs = [
    () => readListing(dir, batch, entries),
    ...http.map((h) => () => getListing(h.url, h.headers, entries)),
  ];
  const times = runs.map(() => new Float64Array(count));
  const bodyBytes = runs.map(() => 0);
  for (let round = 0; round < warmup + count; round++) {
    for (const [index, run] of runs.entries()) {
      const begun = performance.now();
      const size = await run();
      const elapsed = performance.now() - begun;
      if (round >= warmup) times[index][round - warmup] = elapsed;
      bodyBytes[index] = size ?? 0;
    }
  }
  return { times, bodyBytes };
}

const tasks = { keystrokes, throughput, listings };
let reply;
try {
  reply = await tasks[workerData.task](workerData);
} catch (err) {
  reply = { error: err instanceof Error ? err.message : String(err) };
}
parentPort.postMessage(reply);
