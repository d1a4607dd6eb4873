// Runs autocannon on its own thread, so the load generator does not share the event loop of the studio it measures.
// Records every 2xx response time at full (sub-millisecond) resolution: autocannon's own histogram keeps whole ms.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, headers, connections, warmupSeconds, seconds } = workerData;

async function fire(duration, onResponse) {
  const instance = autocannon({ url, headers, connections, duration, pipelining: 1 });
  if (onResponse) instance.on('response', onResponse);
  return await instance;
}

await fire(warmupSeconds);
const times = [];
const result = await fire(seconds, (_client, statusCode, _bytes, ms) => {
  if (statusCode >= 200 && statusCode < 300) times.push(ms);
});
// On a worker thread autocannon returns its raw, unaggregated result.
parentPort.postMessage({
  times: Float64Array.from(times),
  completed: result.totalCompletedRequests,
  durationSeconds: result.duration,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes: result.statusCodeStats,
});
