// Request latency and throughput: the studio built with buildApp in this process, listening on 127.0.0.1,
// loaded over real HTTP by autocannon on a worker thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { StudioDeps } from '../apps/studio/dist/app.js';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';

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

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

interface WorkerReply {
  times: Float64Array;
  completed: number;
  durationSeconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, { count: number }>;
}

function load(url: string, headers: Record<string, string>, connections: number): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, headers, connections, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS },
    });
    worker.once('message', (reply: WorkerReply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
}

async function call<T>(base: string, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** One organization with CREDENTIALS credentials; returns the endpoints to load, /health first. */
async function seed(base: string): Promise<Endpoint[]> {
  const session = await call<{ accessToken: string }>(base, 'POST', '/api/auth/register', null, {
    email: 'bench@example.test',
    password: 'correct horse battery staple',
    name: 'Bench',
    organizationName: 'Bench',
  });
  for (let i = 0; i < CREDENTIALS; i++) {
    await call(base, 'POST', '/api/credentials', session.accessToken, {
      name: `bench-credential-${i}`,
      type: 'api_key',
      visibility: (['private', 'internal', 'public'] as const)[i % 3],
      value: `sk-bench-${i}-${'x'.repeat(40)}`,
      description: `Benchmark credential ${i}`,
    });
  }
  const apiToken = await call<{ token: string }>(base, 'POST', '/api/tokens', session.accessToken, {
    name: 'bench',
    permissions: ['credentials:read'],
  });
  for (const token of [session.accessToken, apiToken.token]) {
    const list = await call<{ credentials: unknown[] }>(base, 'GET', '/api/credentials', token);
    if (list.credentials.length !== CREDENTIALS) throw new Error(`expected ${CREDENTIALS} credentials`);
  }
  return [
    { label: 'GET /health (baseline)', path: '/health', headers: {} },
    {
      label: 'GET /api/credentials, session token',
      path: '/api/credentials',
      headers: { authorization: `Bearer ${session.accessToken}` },
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
  const { buildApp } = await import('../apps/studio/dist/app.js');
  const { loadConfig } = await import('../apps/studio/dist/config.js');
  const { generateMasterKey, Keyring } = await import('../apps/studio/dist/platform/crypto/keyring.js');
  const { openDatabase } = await import('../apps/studio/dist/platform/db/database.js');
  const { InProcessEventBus } = await import('../apps/studio/dist/platform/events/bus.js');
  const { systemClock } = await import('../apps/studio/dist/platform/clock.js');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-http-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  });
  const database = await openDatabase(
    target.kind === 'pglite' ? { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') } : target,
  );
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await database.migrate();
    const deps: StudioDeps = {
      config,
      database,
      keyring: new Keyring([generateMasterKey()]),
      bus: new InProcessEventBus(),
      clock: systemClock,
    };
    app = await buildApp(deps);
    // autocannon drops its connections when a cell ends, while the studio may still be working on their requests:
    // count requests in and answers out, and wait for the two to meet before the next cell and before closing.
    let arrived = 0;
    let answered = 0;
    app.server.on('request', () => {
      arrived += 1;
    });
    app.addHook('onSend', async () => {
      answered += 1;
    });
    const settle = async () => {
      for (let waited = 0; arrived !== answered && waited < 10_000; waited += 10) await sleep(10);
    };
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('studio is not listening on a TCP port');
    const base = `http://127.0.0.1:${address.port}`;
    const endpoints = await seed(base);
    const results: LoadResult[] = [];
    for (const concurrency of CONCURRENCIES) {
      for (const endpoint of endpoints) {
        const reply = await load(`${base}${endpoint.path}`, endpoint.headers, concurrency);
        await settle();
        if (reply.non2xx > 0 || reply.errors > 0) {
          throw new Error(
            `${endpoint.label} at concurrency ${concurrency}: ${reply.non2xx} non-2xx answers, ${reply.errors} errors ` +
              `(${reply.timeouts} timeouts); status codes ${JSON.stringify(reply.statusCodes)}`,
          );
        }
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
    if (arrived !== answered) throw new Error(`${arrived - answered} requests still unanswered after the last cell`);
    return results;
  } finally {
    await app?.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
