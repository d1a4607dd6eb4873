// autocannon on a worker thread (load-worker.mjs), so the load generator does not share the studio's event loop.
import { Worker } from 'node:worker_threads';

/** How long a phase lasts: a number of seconds, or a number of requests. */
export type Phase = { seconds: number } | { requests: number };

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  warmup: Phase;
  measure: Phase;
}

export interface LoadReply {
  /** Every measured 2xx response time, in ms at sub-millisecond resolution. */
  times: Float64Array;
  completed: number;
  durationSeconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, { count: number }>;
}

export function load(options: LoadOptions): Promise<LoadReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: options });
    worker.once('message', (reply: LoadReply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
}

/** Any non-2xx answer or connection error makes the figures meaningless: stop the bench. */
export function assertAllOk(reply: LoadReply, label: string): void {
  if (reply.non2xx > 0 || reply.errors > 0) {
    throw new Error(
      `${label}: ${reply.non2xx} non-2xx answers, ${reply.errors} errors (${reply.timeouts} timeouts); ` +
        `status codes ${JSON.stringify(reply.statusCodes)}`,
    );
  }
}

/** The nearest-rank percentile of ascending `sorted` (p in [0, 1]). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
