// A studio for benchmarks: the compiled buildApp on a fresh database, listening on 127.0.0.1, and a JSON API helper.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StudioDeps } from '../apps/studio/dist/app.js';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';

export interface BenchStudio {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Waits until every request that reached the studio has been answered or dropped (autocannon drops connections mid-flight). */
  settle(): Promise<void>;
  /** Requests received and neither answered nor dropped. */
  unanswered(): number;
  close(): Promise<void>;
}

/** Starts the studio on `target` (PGlite in a temporary directory, or a PostgreSQL URL) with `env` over the bench defaults. */
export async function startBenchStudio(target: DatabaseTarget, env: Record<string, string> = {}): Promise<BenchStudio> {
  const { buildApp } = await import('../apps/studio/dist/app.js');
  const { loadConfig } = await import('../apps/studio/dist/config.js');
  const { generateMasterKey, Keyring } = await import('../apps/studio/dist/platform/crypto/keyring.js');
  const { openDatabase } = await import('../apps/studio/dist/platform/db/database.js');
  const { InProcessEventBus } = await import('../apps/studio/dist/platform/events/bus.js');
  const { systemClock } = await import('../apps/studio/dist/platform/clock.js');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...env,
  });
  const database = await openDatabase(
    target.kind === 'pglite' ? { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') } : target,
  );
  const cleanUp = async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await database.migrate();
    const deps: StudioDeps = {
      config,
      database,
      keyring: new Keyring([generateMasterKey()]),
      bus: new InProcessEventBus(),
      clock: systemClock,
    };
    const app = await buildApp(deps);
    let arrived = 0;
    let answered = 0;
    // Counted on the Node server, not with Fastify hooks: an async hook would lengthen every request measured.
    app.server.on('request', (_request, response) => {
      arrived += 1;
      response.once('close', () => {
        answered += 1;
      });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('studio is not listening on a TCP port');
    return {
      base: `http://127.0.0.1:${address.port}`,
      async settle() {
        for (let waited = 0; arrived !== answered && waited < 10_000; waited += 10) await sleep(10);
      },
      unanswered: () => arrived - answered,
      async close() {
        try {
          await app.close();
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** One JSON request; answers whatever status came back (callers decide what they expect). */
export async function api<T>(
  base: string,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Like `api`, but any non-2xx answer is an error. */
export async function call<T>(base: string, method: string, url: string, token: string | null, body?: unknown) {
  const answer = await api<T>(base, method, url, token, body);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${method} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/**
 * Puts the organization on the ENTERPRISE plan, which has no daily limit of MCP calls (unless
 * EXTERNAL_MCP_ENTERPRISE_DAILY_LIMIT sets one): the FREE limit would stop a benchmark after 200 calls, while every
 * call is still counted against the quota.
 */
export async function setUnlimitedPlan(base: string, owner: string): Promise<void> {
  await call(base, 'PATCH', '/api/org', owner, { plan: 'ENTERPRISE' });
}

/** Registers the first user (owner of a new organization) and returns its session access token. */
export async function registerOwner(base: string): Promise<string> {
  const session = await call<{ accessToken: string }>(base, 'POST', '/api/auth/register', null, {
    email: 'bench@example.test',
    password: 'correct horse battery staple',
    name: 'Bench',
    organizationName: 'Bench',
  });
  return session.accessToken;
}
