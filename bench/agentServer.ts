// The agent-server benchmark: keystroke round trips and terminal output throughput over the terminal WebSocket, and
// a 10,000-entry directory listing, each straight to a node and through the studio's proxy, against local baselines.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as NodePty from 'node-pty';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import { percentile } from './load.js';
import { call, registerOwner, startBenchStudio } from './studio.js';

export const KEYSTROKES = 2_000;
export const WARMUP_KEYSTROKES = 200;
/** `head -c` of /dev/zero through base64: 32 MiB in, about 45.9 MB of terminal output (76-column lines, CR LF). */
export const THROUGHPUT_INPUT_BYTES = 32 * 2 ** 20;
export const THROUGHPUT_RUNS = 3;
export const LIST_ENTRIES = 10_000;
export const LISTINGS = 30;
/** lstat calls in flight at once in the baseline listing, as the node's listDirectory does. */
export const LIST_STAT_BATCH = 128;
export const WARMUP_LISTINGS = 5;
export const THROUGHPUT_COMMAND = `head -c ${THROUGHPUT_INPUT_BYTES} /dev/zero | base64`;

export type AgentPath = 'baseline' | 'node' | 'proxy';
export const AGENT_PATHS: readonly AgentPath[] = ['baseline', 'node', 'proxy'];

export interface LatencyResult {
  path: AgentPath;
  p50: number;
  p99: number;
  samples: number;
  /** The JSON answer's size, for the HTTP paths. */
  bodyBytes?: number;
}

export interface ThroughputResult {
  path: AgentPath;
  /** Median of the runs, in MB/s (10^6 bytes). */
  mbPerSecond: number;
  min: number;
  max: number;
  /** Terminal bytes received per run. */
  bytes: number;
  runs: number;
  /** Bytes per read of the PTY, for the raw PTY (node-pty's data events). */
  chunkBytes?: number;
}

export interface AgentServerBench {
  /** 'PGlite' or 'PostgreSQL': the studio's database. */
  database: string;
  startedAt: Date;
  machine: string;
  /** Keystroke round trips (no baseline: the raw PTY round trip is not measured). */
  keystrokes: LatencyResult[];
  throughput: ThroughputResult[];
  listing: LatencyResult[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
// node-pty is the agent server's dependency: resolve it from there rather than rely on hoisting.
const pty = createRequire(path.join(root, 'apps/agent-server/package.json'))('node-pty') as typeof NodePty;

type WorkerReply =
  | { times: Float64Array }
  | { times: Float64Array[]; bodyBytes: number[] }
  | { runs: { bytes: number; seconds: number }[] }
  | { error: string };

/** One task on a fresh client thread (bench/agent-client-worker.mjs). */
function onClientThread<T extends WorkerReply>(task: string, data: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./agent-client-worker.mjs', import.meta.url), { workerData: { task, ...data } });
    worker.once('message', (message: WorkerReply) => {
      if ('error' in message) reject(new Error(`${task}: ${message.error}`));
      else resolve(message as T);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${task} worker exited with code ${code}`)));
  });
}

function latency(path: AgentPath, times: Float64Array): LatencyResult {
  const sorted = times.sort();
  return { path, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: times.length };
}

function rates(path: AgentPath, runs: { bytes: number; seconds: number }[]): ThroughputResult {
  const perRun = runs.map((r) => r.bytes / 1e6 / r.seconds).sort((a, b) => a - b);
  return {
    path,
    mbPerSecond: percentile(perRun, 0.5),
    min: perRun[0] ?? Number.NaN,
    max: perRun.at(-1) ?? Number.NaN,
    bytes: runs[0]?.bytes ?? 0,
    runs: runs.length,
  };
}

/** The baseline: the same command on a PTY spawned in the bench process, its output read by node-pty directly. */
function rawPty(cwd: string): Promise<{ bytes: number; seconds: number; chunks: number }> {
  return new Promise((resolve) => {
    const begun = performance.now();
    let bytes = 0;
    let chunks = 0;
    const term = pty.spawn('/bin/bash', ['-c', THROUGHPUT_COMMAND], {
      cols: 120,
      rows: 40,
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
      encoding: null,
    });
    term.onData((chunk: string | Buffer) => {
      bytes += chunk.length;
      chunks += 1;
    });
    term.onExit(() => resolve({ bytes, chunks, seconds: (performance.now() - begun) / 1000 }));
  });
}

interface RunningNode {
  base: string;
  masterToken: string;
  stop(): Promise<void>;
}

/** A node in a child process (bench/agent-node.mjs) on a fresh DATA_DIR. */
async function startNode(): Promise<RunningNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-bench-'));
  const masterToken = `mcpm_${randomBytes(24).toString('base64url')}`;
  const child: ChildProcess = fork(fileURLToPath(new URL('./agent-node.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.connected) child.send({ stop: true });
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the agent server exited with code ${code}`)));
      child.send({ dataDir, masterToken });
    });
    return { base: `http://127.0.0.1:${port}`, masterToken, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function benchAgentServer(
  target: DatabaseTarget,
  database: string,
  progress: (line: string) => void,
): Promise<AgentServerBench> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const node = await startNode();
  try {
    const studio = await startBenchStudio(target);
    try {
      const owner = await registerOwner(studio.base);
      const server = await call<{ id: string }>(studio.base, 'POST', '/api/agent-servers', owner, {
        name: 'bench-node',
        url: node.base,
        masterToken: node.masterToken,
      });
      const viaStudio = `/api/agent-servers/${server.id}`;
      const { agent } = await call<{ agent: { id: string } }>(studio.base, 'POST', `${viaStudio}/agents`, owner, {
        name: 'bench-agent',
        engine: 'custom',
      });
      const exec = (command: string) =>
        call<{ stdout: string; exitCode: number | null }>(
          node.base,
          'POST',
          `/api/agents/${agent.id}/exec`,
          node.masterToken,
          { command, timeoutMs: 60_000 },
        );
      const home = (await exec('pwd')).stdout.trim();
      await exec(`mkdir listing && cd listing && seq -f 'file-%05g.txt' 1 ${LIST_ENTRIES} | xargs touch`);

      const nodeAuth = { authorization: `Bearer ${node.masterToken}` };
      const studioAuth = { authorization: `Bearer ${owner}` };
      const socketUrl = (pathKind: 'node' | 'proxy', sid: string) =>
        pathKind === 'node'
          ? `${node.base.replace('http', 'ws')}/api/terminals/${sid}/ws`
          : `${studio.base.replace('http', 'ws')}${viaStudio}/terminals/${sid}/ws`;
      /** A fresh terminal per cell, closed afterwards (the node allows a few per agent). */
      const inTerminal = async <T>(run: (sid: string) => Promise<T>): Promise<T> => {
        const session = await call<{ id: string }>(
          node.base,
          'POST',
          `/api/agents/${agent.id}/terminals`,
          node.masterToken,
          {
            cols: 120,
            rows: 40,
          },
        );
        try {
          return await run(session.id);
        } finally {
          await call(node.base, 'DELETE', `/api/terminals/${session.id}`, node.masterToken);
        }
      };
      const via = (pathKind: 'node' | 'proxy') => (pathKind === 'node' ? nodeAuth : studioAuth);

      const keystrokes: LatencyResult[] = [];
      for (const pathKind of ['node', 'proxy'] as const) {
        const { times } = await inTerminal((sid) =>
          onClientThread<{ times: Float64Array }>('keystrokes', {
            url: socketUrl(pathKind, sid),
            headers: via(pathKind),
            warmup: WARMUP_KEYSTROKES,
            count: KEYSTROKES,
          }),
        );
        const result = latency(pathKind, times);
        progress(`  keystroke, ${pathKind}: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms`);
        keystrokes.push(result);
      }

      const throughput: ThroughputResult[] = [];
      const baselineRuns = [];
      for (let run = 0; run < THROUGHPUT_RUNS; run++) baselineRuns.push(await rawPty(home));
      const chunks = baselineRuns.reduce((sum, r) => sum + r.chunks, 0);
      const bytesRead = baselineRuns.reduce((sum, r) => sum + r.bytes, 0);
      throughput.push({ ...rates('baseline', baselineRuns), chunkBytes: bytesRead / chunks });
      for (const pathKind of ['node', 'proxy'] as const) {
        const { runs } = await inTerminal((sid) =>
          onClientThread<{ runs: { bytes: number; seconds: number }[] }>('throughput', {
            url: socketUrl(pathKind, sid),
            headers: via(pathKind),
            command: THROUGHPUT_COMMAND,
            runs: THROUGHPUT_RUNS,
          }),
        );
        throughput.push(rates(pathKind, runs));
      }
      for (const r of throughput) progress(`  output, ${r.path}: ${r.mbPerSecond.toFixed(1)} MB/s (${r.bytes} bytes)`);

      const urlOf = (pathKind: 'node' | 'proxy') =>
        pathKind === 'node'
          ? `${node.base}/api/agents/${agent.id}/fs/list?path=listing`
          : `${studio.base}${viaStudio}/agents/${agent.id}/fs/list?path=listing`;
      const listed = await onClientThread<{ times: Float64Array[]; bodyBytes: number[] }>('listings', {
        dir: path.join(home, 'listing'),
        batch: LIST_STAT_BATCH,
        http: (['node', 'proxy'] as const).map((pathKind) => ({ url: urlOf(pathKind), headers: via(pathKind) })),
        warmup: WARMUP_LISTINGS,
        count: LISTINGS,
        entries: LIST_ENTRIES,
      });
      const listing = AGENT_PATHS.map((pathKind, index) => {
        const bodyBytes = listed.bodyBytes[index] ?? 0;
        return { ...latency(pathKind, listed.times[index] ?? new Float64Array()), ...(bodyBytes ? { bodyBytes } : {}) };
      });
      for (const r of listing) progress(`  listing, ${r.path}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);

      const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
      const machine =
        `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ` +
        `${os.type()} ${os.release()}, Node ${process.version}, 1-minute load average ${loadAtStart.toFixed(2)} at ` +
        `start and ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end`;
      return { database, startedAt, machine, keystrokes, throughput, listing };
    } finally {
      await studio.close();
    }
  } finally {
    await node.stop();
  }
}
