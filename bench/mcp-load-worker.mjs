// Runs a closed loop of MCP tool calls on its own thread, so the client does not share the event loop of the studio
// it measures: one SDK client over Streamable HTTP, `concurrency` callers, warm-up calls, then measured calls.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const { url, token, tool, message, concurrency, warmup, calls } = workerData;
const expected = `Echo: ${message}`;

/** Calls `tool` once; anything but the echo of `message` stops the bench. */
async function echo(client) {
  const result = await client.callTool({ name: tool, arguments: { message } });
  const first = result.content?.[0];
  if (result.isError || first?.type !== 'text' || first.text !== expected) {
    throw new Error(`unexpected answer to ${tool} from ${url}: ${JSON.stringify(result).slice(0, 500)}`);
  }
}

/** Makes exactly `total` calls from `concurrency` callers; each call's latency (ms) and the wall time (s). */
async function closedLoop(client, total) {
  const times = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  const caller = async () => {
    while (next < total) {
      const index = next++;
      const begun = performance.now();
      await echo(client);
      times[index] = performance.now() - begun;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller));
  return { times, seconds: (performance.now() - started) / 1000 };
}

// Era negotiation 'auto', as the studio's own sessions do: each server settles the era it speaks.
const client = new Client({ name: 'studio-bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
let reply;
try {
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
    }),
  );
  await closedLoop(client, warmup);
  const { times, seconds } = await closedLoop(client, calls);
  reply = { times, seconds, era: client.getProtocolEra() ?? 'unknown' };
} catch (err) {
  reply = { error: err instanceof Error ? err.message : String(err) };
}
// Closed before answering: the parent ends this thread as soon as the answer arrives.
await client.close().catch(() => {});
parentPort.postMessage(reply);
