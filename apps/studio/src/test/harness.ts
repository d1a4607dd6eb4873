// A real studio for tests: real database, real keys, real bus; logs captured so tests can search them.
import { PassThrough } from 'node:stream';
import type { Role, SessionTokens } from '@mcp-studio/protocol';
import { buildApp, type StudioDeps } from '../app.js';
import { loadConfig } from '../config.js';
import type { HealthMonitor } from '../features/servers/health/monitor.js';
import type { Lookup } from '../features/servers/urlPolicy.js';
import type { Usage } from '../features/usage/usage.js';
import { generateMasterKey, Keyring } from '../platform/crypto/keyring.js';
import type { Database } from '../platform/db/database.js';
import { InProcessEventBus } from '../platform/events/bus.js';
import type { App } from '../platform/http/app.js';
import { openTestDatabase } from './database.js';

/** A resolver answering from a table; any other name fails as a real NXDOMAIN would. */
export function fixedLookup(table: Record<string, string[]>): Lookup {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** Real time plus an offset that tests can push forward (expiries, lockouts). */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestStudio {
  app: App;
  deps: StudioDeps;
  clock: TestClock;
  /** The periodic MCP server health checks, to run on demand. */
  health: HealthMonitor;
  /** Metering and quotas: flush events, run the rollup. */
  usage: Usage;
  /** Everything the studio logged so far, as text. */
  logs(): string;
  close(): Promise<void>;
}

export async function startTestStudio(
  opts: {
    env?: Record<string, string>;
    database?: Database;
    keyring?: Keyring;
    dashboardDir?: string;
    lookup?: Lookup;
  } = {},
): Promise<TestStudio> {
  const config = loadConfig({
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '100000',
    DATA_DIR: '/nonexistent',
    // Tests run health checks themselves (studio.health.runOnce()); no timer disturbs the others.
    SERVER_HEALTH_INTERVAL_MS: '0',
    ...opts.env,
  });
  const database = opts.database ?? (await openTestDatabase());
  const clock = new TestClock();
  const logStream = new PassThrough();
  const chunks: Buffer[] = [];
  logStream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const deps: StudioDeps = {
    config,
    database,
    keyring: opts.keyring ?? new Keyring([generateMasterKey()]),
    bus: new InProcessEventBus(),
    clock,
    logStream,
    dashboardDir: opts.dashboardDir ?? '/nonexistent-dashboard',
    // Tests never ask the real resolver: unknown names fail like NXDOMAIN.
    lookup: opts.lookup ?? fixedLookup({}),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    health: app.serverHealth,
    usage: app.usage,
    logs: () => Buffer.concat(chunks).toString('utf8'),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API request as the holder of `accessToken`, with a JSON body when there is one. */
export const callApi = (app: App, accessToken: string, method: ApiMethod, url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(accessToken), ...(payload ? { payload } : {}) });

/** Registers an MCP server in the organization of `accessToken`'s user; returns its id. */
export async function registerServer(app: App, accessToken: string, body: Record<string, unknown>): Promise<string> {
  const res = await callApi(app, accessToken, 'POST', '/api/servers', body);
  if (res.statusCode !== 201) throw new Error(`server registration failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

let counter = 0;
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${counter}.${Date.now()}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';

/** Registers a user that creates an organization (the first one, or any with REGISTRATION=open). */
export async function registerOwner(app: App, organizationName = 'Acme'): Promise<SessionTokens> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email: uniqueEmail('owner'), password: PASSWORD, name: 'Owner', organizationName },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Invites a member with `role` into the admin's organization and accepts for them. */
export async function addMember(app: App, adminAccessToken: string, role: Role): Promise<SessionTokens> {
  const email = uniqueEmail(role.toLowerCase());
  const invite = await app.inject({
    method: 'POST',
    url: '/api/org/members',
    headers: bearer(adminAccessToken),
    payload: { email, role },
  });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const token = new URL(invite.json().inviteUrl).searchParams.get('token');
  const accept = await app.inject({
    method: 'POST',
    url: '/api/auth/accept-invite',
    payload: { token, name: `${role} member`, password: PASSWORD },
  });
  if (accept.statusCode !== 201) throw new Error(`accept failed: ${accept.statusCode} ${accept.body}`);
  return accept.json();
}

/** A studio, the owner of its first organization, and one MCP server registered there from `body`. */
export async function startStudioWithServer(body: Record<string, unknown>, env: Record<string, string> = {}) {
  const studio = await startTestStudio({ env });
  const admin = await registerOwner(studio.app);
  const serverId = await registerServer(studio.app, admin.accessToken, body);
  return { studio, admin, serverId };
}

/** An organization with one member of every role. */
export async function organizationWithEveryRole(app: App, name = 'Acme') {
  const admin = await registerOwner(app, name);
  const members = {
    ADMIN: admin,
    MANAGER: await addMember(app, admin.accessToken, 'MANAGER'),
    OPERATOR: await addMember(app, admin.accessToken, 'OPERATOR'),
    VIEWER: await addMember(app, admin.accessToken, 'VIEWER'),
    USER: await addMember(app, admin.accessToken, 'USER'),
  } satisfies Record<Role, SessionTokens>;
  return members;
}
