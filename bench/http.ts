// Request latency and throughput: the studio built with buildApp in this process, listening on 127.0.0.1,
// loaded over real HTTP by autocannon on a worker thread.
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import { assertAllOk, load, percentile } from './load.js';
import { call, registerOwner, startBenchStudio } from './studio.js';

export interface LoadResult {
  endpoint: string;
  concurrency: number;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

export interface Endpoint {
  label: string;
  path: string;
  headers: Record<string, string>;
}

export const CONCURRENCIES = [1, 16, 64];
// BENCH_SECONDS / BENCH_WARMUP_SECONDS shorten a smoke run; the recorded figures use the defaults.
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const CREDENTIALS = 20;

/** One organization with CREDENTIALS credentials; returns the endpoints to load, /health first. */
async function seed(base: string): Promise<Endpoint[]> {
  const accessToken = await registerOwner(base);
  for (let i = 0; i < CREDENTIALS; i++) {
    await call(base, 'POST', '/api/credentials', accessToken, {
      name: `bench-credential-${i}`,
      type: 'api_key',
      visibility: (['private', 'internal', 'public'] as const)[i % 3],
      value: `sk-bench-${i}-${'x'.repeat(40)}`,
      description: `Benchmark credential ${i}`,
    });
  }
  const apiToken = await call<{ token: string }>(base, 'POST', '/api/tokens', accessToken, {
    name: 'bench',
    permissions: ['credentials:read'],
  });
  for (const token of [accessToken, apiToken.token]) {
    const list = await call<{ credentials: unknown[] }>(base, 'GET', '/api/credentials', token);
    if (list.credentials.length !== CREDENTIALS) throw new Error(`expected ${CREDENTIALS} credentials`);
  }
  return [
    { label: 'GET /health (baseline)', path: '/health', headers: {} },
    {
      label: 'GET /api/credentials, session token',
      path: '/api/credentials',
      headers: { authorization: `Bearer ${accessToken}` },
    },
    {
      label: 'GET /api/credentials, API token',
      path: '/api/credentials',
      headers: { authorization: `Bearer ${apiToken.token}` },
    },
  ];
}

/** Starts a studio on `target`, seeds it, and loads every endpoint at every concurrency. */
export async function benchHttp(target: DatabaseTarget, progress: (line: string) => void): Promise<LoadResult[]> {
  const studio = await startBenchStudio(target);
  try {
    const endpoints = await seed(studio.base);
    const results: LoadResult[] = [];
    for (const concurrency of CONCURRENCIES) {
      for (const endpoint of endpoints) {
        const reply = await load({
          url: `${studio.base}${endpoint.path}`,
          headers: endpoint.headers,
          connections: concurrency,
          warmup: { seconds: WARMUP_SECONDS },
          measure: { seconds: SECONDS },
        });
        // autocannon drops its connections when a cell ends, while the studio may still be working on their
        // requests: wait for those before the next cell and before closing.
        await studio.settle();
        assertAllOk(reply, `${endpoint.label} at concurrency ${concurrency}`);
        const times = reply.times.sort();
        const result: LoadResult = {
          endpoint: endpoint.label,
          concurrency,
          p50: percentile(times, 0.5),
          p99: percentile(times, 0.99),
          rps: reply.completed / reply.durationSeconds,
          requests: reply.completed,
        };
        progress(
          `  ${target.kind} c=${concurrency} ${endpoint.label}: p50 ${result.p50.toFixed(2)} ms, ` +
            `p99 ${result.p99.toFixed(2)} ms, ${Math.round(result.rps)} req/s`,
        );
        results.push(result);
      }
    }
    if (studio.unanswered() !== 0)
      throw new Error(`${studio.unanswered()} requests still unanswered after the last cell`);
    return results;
  } finally {
    await studio.close();
  }
}
