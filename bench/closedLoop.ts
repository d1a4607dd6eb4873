// A closed-loop driver: `concurrency` callers, each starting its next call when the previous one answers.
import { performance } from 'node:perf_hooks';

/** Makes exactly `total` calls; returns each call's latency (ms, high-resolution clock) and the wall time (s). */
export async function closedLoop(
  callOnce: () => Promise<void>,
  concurrency: number,
  total: number,
): Promise<{ times: Float64Array; seconds: number }> {
  const times = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  const caller = async () => {
    while (next < total) {
      const index = next++;
      const begun = performance.now();
      await callOnce();
      times[index] = performance.now() - begun;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller));
  return { times, seconds: (performance.now() - started) / 1000 };
}
