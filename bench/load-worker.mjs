// Runs autocannon on its own thread, so the load generator does not share the event loop of the studio it measures.
// Records every 2xx response time at full (sub-millisecond) resolution: autocannon's own histogram keeps whole ms.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, method = 'GET', headers, body, connections, warmup, measure } = workerData;

/**
 * A phase runs for `seconds`, or until `requests` responses have come back. autocannon notices the end of a
 * `requests` phase only at its next sampling tick, so that tick is made short.
 */
async function fire(phase, onResponse) {
  const length = 'requests' in phase ? { amount: phase.requests, sampleInt: 50 } : { duration: phase.seconds };
  const instance = autocannon({ url, method, headers, body, connections, pipelining: 1, ...length });
  if (onResponse) instance.on('response', onResponse);
  return await instance;
}

await fire(warmup);
const times = [];
const started = performance.now();
let lastAnswer = started;
const result = await fire(measure, (_client, statusCode, _bytes, ms) => {
  lastAnswer = performance.now();
  if (statusCode >= 200 && statusCode < 300) times.push(ms);
});
// On a worker thread autocannon returns its raw, unaggregated result.
parentPort.postMessage({
  times: Float64Array.from(times),
  completed: result.totalCompletedRequests,
  // A `requests` phase lasts until its last answer, not until autocannon's tick after it.
  durationSeconds: 'requests' in measure ? (lastAnswer - started) / 1000 : result.duration,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes: result.statusCodeStats,
});
