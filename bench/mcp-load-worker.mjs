// Runs MCP tool calls on its own thread, so the client does not share the event loop of the studio it measures.
// One endpoint: one SDK client over Streamable HTTP, `concurrency` callers in a closed loop, warm-up calls, then
// measured calls. Several endpoints (concurrency 1 only): one client each, called in turn, one call at a time, so
// that whatever else the machine does meanwhile falls on every endpoint alike.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const { endpoints, message, concurrency, warmup, calls } = workerData;
const expected = `Echo: ${message}`;

/** Calls the endpoint's tool once; anything but the echo of `message` stops the bench. */
async function echo({ client, url, tool }) {
  const result = await client.callTool({ name: tool, arguments: { message } });
  const first = result.content?.[0];
  if (result.isError || first?.type !== 'text' || first.text !== expected) {
    throw new Error(`unexpected answer to ${tool} from ${url}: ${JSON.stringify(result).slice(0, 500)}`);
  }
}

/** Makes exactly `total` calls from `concurrency` callers; each call's latency (ms) and the wall time (s). */
async function closedLoop(target, total) {
  const times = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  const caller = async () => {
    while (next < total) {
      const index = next++;
      const begun = performance.now();
      await echo(target);
      times[index] = performance.now() - begun;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller));
  return { times, seconds: (performance.now() - started) / 1000 };
}

/** `total` rounds of one call to each target in turn; per target, each call's latency and their sum (s). */
async function inTurn(targets, total) {
  const times = targets.map(() => new Float64Array(total));
  for (let round = 0; round < total; round++) {
    for (const [index, target] of targets.entries()) {
      const begun = performance.now();
      await echo(target);
      times[index][round] = performance.now() - begun;
    }
  }
  return times.map((own) => ({ times: own, seconds: own.reduce((sum, time) => sum + time, 0) / 1000 }));
}

const targets = [];
let reply;
try {
  for (const { url, token, tool } of endpoints) {
    // Era negotiation 'auto', as the studio's own sessions do: each server settles the era it speaks.
    const client = new Client({ name: 'studio-bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
      }),
    );
    targets.push({ client, url, tool });
  }
  const measure = (total) =>
    targets.length === 1 ? closedLoop(targets[0], total).then((one) => [one]) : inTurn(targets, total);
  await measure(warmup);
  const measured = await measure(calls);
  reply = measured.map(({ times, seconds }, index) => ({
    times,
    seconds,
    era: targets[index].client.getProtocolEra() ?? 'unknown',
  }));
} catch (err) {
  reply = { error: err instanceof Error ? err.message : String(err) };
}
// Closed before answering: the parent ends this thread as soon as the answer arrives.
await Promise.all(targets.map(({ client }) => client.close().catch(() => {})));
parentPort.postMessage(reply);
