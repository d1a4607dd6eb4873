// Health checks against real stdio servers: server-everything, and a fixture whose ping the test steers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SessionTokens, serverStatusChangedSchema } from '@mcp-studio/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { mcpServerHealthChecks, mcpServers } from '../../../platform/db/schema.js';
import type { StudioEvent } from '../../../platform/events/bus.js';
import {
  type ApiMethod,
  addMember,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
} from '../../../test/harness.js';
import { everythingStdio } from '../../../test/peers.js';

const controlledPing = fileURLToPath(new URL('./fixtures/controlledPing.mjs', import.meta.url));
const modernFixture = fileURLToPath(new URL('../connection/fixtures/modernServer.mjs', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = 'hunter2-but-much-longer';

interface Check {
  checkedAt: string;
  ok: boolean;
  latencyMs: number | null;
  status: string;
  error: string | null;
}

/** A studio with one organization, its events recorded, and helpers to register servers and read them back. */
async function setUp(env: Record<string, string> = {}) {
  const studio = await startTestStudio({ env: { REGISTRATION: 'open', SERVER_HEALTH_SLOW_MS: '500', ...env } });
  let admin = await registerOwner(studio.app);
  const events: StudioEvent[] = [];
  studio.deps.bus.subscribe((event) => events.push(event));
  const dir = mkdtempSync(path.join(tmpdir(), 'health-'));
  const call = (token: string, method: ApiMethod, url: string, payload?: object) =>
    callApi(studio.app, token, method, url, payload);
  const create = (body: Record<string, unknown>) =>
    registerServer(studio.app, admin.accessToken, { transport: 'stdio', timeoutMs: 5000, ...body });
  const createEverything = (name: string, extra: Record<string, unknown> = {}) =>
    create({ name, ...everythingStdio, ...extra });
  /** A fixture server and a function that sets how its next pings are answered. */
  const createControlled = async (name: string, mode: string, extra: Record<string, unknown> = {}) => {
    const control = path.join(dir, `${name}.mode`);
    writeFileSync(control, mode);
    const id = await create({
      name,
      command: process.execPath,
      args: [controlledPing],
      env: { FIXTURE_CONTROL: control },
      ...extra,
    });
    return { id, setMode: (next: string) => writeFileSync(control, next) };
  };
  const server = async (id: string) => (await call(admin.accessToken, 'GET', `/api/servers/${id}`)).json();
  const failures = async (id: string) => {
    const [row] = await studio.deps.database.db.select().from(mcpServers).where(eq(mcpServers.id, id));
    return row?.consecutiveFailures;
  };
  const history = async (id: string, since?: string, token = admin.accessToken): Promise<Check[]> => {
    const query = since ? `?since=${encodeURIComponent(since)}` : '';
    const res = await call(token, 'GET', `/api/servers/${id}/health${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().checks;
  };
  const statusChanges = (id: string) =>
    events
      .filter((e) => e.type === 'server_status_changed')
      .map((e) => serverStatusChangedSchema.parse(e.data))
      .filter((d) => d.id === id);
  /** Moves the studio's clock on; the admin's access token would expire, so it is refreshed. */
  const advance = async (ms: number) => {
    studio.clock.advance(ms);
    const res = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: admin.refreshToken },
    });
    expect(res.statusCode, res.body).toBe(200);
    admin = res.json();
  };
  const close = async () => {
    await studio.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    studio,
    get admin() {
      return admin;
    },
    events,
    call,
    create,
    createEverything,
    createControlled,
    server,
    failures,
    history,
    statusChanges,
    advance,
    close,
  };
}

describe('periodic health checks of MCP servers', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp();
  });
  afterAll(() => t.close());

  it('marks server-everything healthy after a ping through its shared session, and keeps the check', async () => {
    const id = await t.createEverything('everything');
    const result = await t.studio.health.checkServer(id);
    expect(result).toMatchObject({ serverId: id, ok: true, status: 'healthy', error: null });
    const server = await t.server(id);
    expect(server).toMatchObject({ status: 'healthy', lastError: null, latencyMs: result?.latencyMs });
    expect(server.lastCheckedAt).not.toBeNull();
    expect(await t.failures(id)).toBe(0);
    const checks = await t.history(id);
    expect(checks).toEqual([
      { checkedAt: server.lastCheckedAt, ok: true, latencyMs: server.latencyMs, status: 'healthy', error: null },
    ]);
    expect(t.statusChanges(id)).toMatchObject([{ previousStatus: 'unknown', status: 'healthy' }]);
  });

  it('checks a 2026-era server, which has no ping, with server/discover', async () => {
    const id = await t.create({ name: 'modern', command: process.execPath, args: [modernFixture] });
    expect(await t.studio.health.checkServer(id)).toMatchObject({ ok: true, status: 'healthy', error: null });
  });

  it('goes to warning after one failure, down after three, and healthy again, announcing each change', async () => {
    const { id, setMode } = await t.createControlled('flaky', 'error');

    expect(await t.studio.health.checkServer(id)).toMatchObject({ ok: false, status: 'warning' });
    expect(await t.server(id)).toMatchObject({
      status: 'warning',
      lastError: expect.stringMatching(/^upstream_error: .*database unreachable/),
    });
    expect(await t.failures(id)).toBe(1);
    expect(await t.studio.health.checkServer(id)).toMatchObject({ ok: false, status: 'warning' });
    expect(await t.failures(id)).toBe(2);
    expect(await t.studio.health.checkServer(id)).toMatchObject({ ok: false, status: 'down' });
    expect(await t.failures(id)).toBe(3);
    expect((await t.server(id)).status).toBe('down');

    setMode('ok');
    expect(await t.studio.health.checkServer(id)).toMatchObject({ ok: true, status: 'healthy' });
    expect(await t.server(id)).toMatchObject({ status: 'healthy', lastError: null });
    expect(await t.failures(id)).toBe(0);

    const changes = t.statusChanges(id);
    expect(changes.map((c) => [c.previousStatus, c.status])).toEqual([
      ['unknown', 'warning'],
      ['warning', 'down'],
      ['down', 'healthy'],
    ]);
    expect(changes[1]).toMatchObject({ latencyMs: null, lastError: expect.stringContaining('database unreachable') });
    expect(changes[2]?.latencyMs).toEqual(expect.any(Number));
    // Live lists refresh on each change, and only then.
    const updates = t.events.filter((e) => e.type === 'server_updated' && (e.data as { id: string }).id === id);
    expect(updates.map((e) => (e.data as { status: string }).status)).toEqual(['warning', 'down', 'healthy']);
    expect(t.events.find((e) => e.type === 'server_status_changed')?.access).toEqual({
      action: 'read',
      subject: 'McpServer',
    });

    const checks = await t.history(id);
    expect(checks.map((c) => [c.ok, c.status])).toEqual([
      [false, 'warning'],
      [false, 'warning'],
      [false, 'down'],
      [true, 'healthy'],
    ]);
    const times = checks.map((c) => Date.parse(c.checkedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // `since` is inclusive: from the third check on.
    expect((await t.history(id, checks[2]?.checkedAt)).map((c) => c.status)).toEqual(['down', 'healthy']);
    expect(await t.history(id, new Date(Date.parse(checks[3]!.checkedAt) + 1).toISOString())).toEqual([]);
  });

  it('counts a slow answer as warning but not as a failure', async () => {
    const { id } = await t.createControlled('slow', 'slow 800');
    const result = await t.studio.health.checkServer(id);
    expect(result).toMatchObject({ ok: true, status: 'warning', error: null });
    expect(result?.latencyMs).toBeGreaterThanOrEqual(700);
    expect(await t.failures(id)).toBe(0);
    expect((await t.history(id))[0]).toMatchObject({ ok: true, status: 'warning' });
  });

  it('fails a server whose process exits or whose command does not exist, with a short error and no secret', async () => {
    const { id: exiting } = await t.createControlled('exiting', 'exit');
    expect(await t.studio.health.checkServer(exiting)).toMatchObject({ ok: false, status: 'warning' });
    expect((await t.server(exiting)).lastError).toMatch(/^connection_lost: .*exited/);

    const missing = await t.create({
      name: 'missing',
      command: '/nonexistent/bin/mcp-server',
      args: ['--token', 'none'],
      secretEnv: { API_TOKEN: SECRET },
    });
    const result = await t.studio.health.checkServer(missing);
    expect(result).toMatchObject({ ok: false, status: 'warning', error: expect.stringMatching(/ENOENT/) });
    const res = await t.call(t.admin.accessToken, 'GET', `/api/servers/${missing}/health`);
    expect(res.body).not.toContain(SECRET);
    const server = await t.server(missing);
    expect(server.lastError.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(server)).not.toContain(SECRET);
    expect(JSON.stringify(t.events)).not.toContain(SECRET);
    expect(t.studio.logs()).not.toContain(SECRET);
  });

  it('never runs a server’s check while its previous one is still waiting', async () => {
    const { id } = await t.createControlled('hanging', 'hang', { timeoutMs: 1500 });
    const first = t.studio.health.checkServer(id);
    expect(await t.studio.health.checkServer(id)).toBeNull();
    expect(await first).toMatchObject({ ok: false, error: 'timeout: no answer within 1500 ms' });
    expect(await t.history(id)).toHaveLength(1);
  });

  it('counts a failed connection test like a failed check, and a successful one resets the count', async () => {
    const { id, setMode } = await t.createControlled('tested', 'error');
    for (const expected of ['warning', 'warning', 'down']) {
      const res = await t.call(t.admin.accessToken, 'POST', `/api/servers/${id}/test`);
      expect(res.json().ok).toBe(false);
      expect((await t.server(id)).status).toBe(expected);
    }
    expect(await t.failures(id)).toBe(3);
    setMode('ok');
    expect((await t.call(t.admin.accessToken, 'POST', `/api/servers/${id}/test`)).json().ok).toBe(true);
    expect(await t.server(id)).toMatchObject({ status: 'healthy', lastError: null });
    expect(await t.failures(id)).toBe(0);
    expect(t.statusChanges(id).map((c) => c.status)).toEqual(['warning', 'down', 'healthy']);
    // A connection test is not a periodic check: the history stays empty.
    expect(await t.history(id)).toEqual([]);
  });

  it('lets every member read the history and hides it from other organizations', async () => {
    const id = await t.createEverything('shared');
    await t.studio.health.checkServer(id);
    const viewer = await addMember(t.studio.app, t.admin.accessToken, 'VIEWER');
    expect(await t.history(id, undefined, viewer.accessToken)).toHaveLength(1);
    const stranger: SessionTokens = await registerOwner(t.studio.app, 'Elsewhere');
    expect((await t.call(stranger.accessToken, 'GET', `/api/servers/${id}/health`)).statusCode).toBe(404);
    expect((await t.studio.app.inject({ method: 'GET', url: `/api/servers/${id}/health` })).statusCode).toBe(401);
    expect((await t.call(t.admin.accessToken, 'GET', `/api/servers/${id}/health?since=yesterday`)).statusCode).toBe(
      400,
    );
  });
});

describe('health check runs', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp();
  });
  afterAll(() => t.close());

  it('checks every enabled server of every organization, skips disabled and deleted ones, and purges old checks', async () => {
    const enabled = await t.createEverything('everything');
    const { id: other } = await t.createControlled('other', 'ok');
    const disabled = await t.createEverything('off', { enabled: false });
    const deleted = await t.createEverything('gone');
    const stranger = await registerOwner(t.studio.app, 'Elsewhere');
    const theirs = await registerServer(t.studio.app, stranger.accessToken, { name: 'theirs', ...everythingStdio });
    expect((await t.call(t.admin.accessToken, 'DELETE', `/api/servers/${deleted}`)).statusCode).toBe(204);

    const first = await t.studio.health.runOnce();
    expect(first.checked.map((c) => c.serverId).sort()).toEqual([enabled, other, theirs].sort());
    expect(first.checked.every((c) => c.status === 'healthy')).toBe(true);
    expect(await t.history(disabled)).toEqual([]);
    expect(await t.server(disabled)).toMatchObject({ status: 'unknown', lastCheckedAt: null });
    expect(await t.studio.health.checkServer(disabled)).toBeNull();
    expect(await t.studio.health.checkServer(deleted)).toBeNull();

    // Eight days later the first run's checks are past the seven days kept; the new run's stay.
    await t.advance(8 * DAY_MS);
    const second = await t.studio.health.runOnce();
    expect(second.purged).toBe(3);
    const rows = await t.studio.deps.database.db.select().from(mcpServerHealthChecks);
    expect(rows).toHaveLength(3);
    const since = new Date(t.studio.clock.now().getTime() - 30 * DAY_MS).toISOString();
    expect(await t.history(enabled, since)).toHaveLength(1);
  });

  it('shows the last 24 hours unless asked for more', async () => {
    const id = await t.createEverything('day');
    await t.studio.health.checkServer(id);
    await t.advance(25 * 60 * 60 * 1000);
    await t.studio.health.checkServer(id);
    expect(await t.history(id)).toHaveLength(1);
    const since = new Date(t.studio.clock.now().getTime() - 2 * DAY_MS).toISOString();
    expect(await t.history(id, since)).toHaveLength(2);
  });
});

describe('the health check timer', () => {
  it('checks servers on its own every SERVER_HEALTH_INTERVAL_MS, and stops without recording cut-off checks', async () => {
    const t = await setUp({ SERVER_HEALTH_INTERVAL_MS: '200' });
    try {
      const { id } = await t.createControlled('timed', 'ok');
      await expect.poll(async () => (await t.history(id)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect((await t.server(id)).status).toBe('healthy');

      // Stopping gives up on a ping still waiting, and records no failure for it.
      const { id: hanging } = await t.createControlled('hanging', 'hang', { timeoutMs: 60_000 });
      const pending = t.studio.health.checkServer(hanging);
      await t.studio.health.stop();
      expect(await pending).toBeNull();
      expect(await t.history(hanging)).toEqual([]);
      expect(await t.server(hanging)).toMatchObject({ status: 'unknown', lastCheckedAt: null });
    } finally {
      await t.close();
    }
  });

  it('reads its settings from the environment, with documented defaults', () => {
    expect(loadConfig({}).serverHealth).toEqual({ intervalMs: 30_000, slowMs: 2000, retentionDays: 7 });
    expect(
      loadConfig({ SERVER_HEALTH_INTERVAL_MS: '0', SERVER_HEALTH_SLOW_MS: '250', SERVER_HEALTH_RETENTION_DAYS: '30' })
        .serverHealth,
    ).toEqual({ intervalMs: 0, slowMs: 250, retentionDays: 30 });
    expect(() => loadConfig({ SERVER_HEALTH_INTERVAL_MS: '-1' })).toThrow(/SERVER_HEALTH_INTERVAL_MS/);
    expect(() => loadConfig({ SERVER_HEALTH_SLOW_MS: '0' })).toThrow(/SERVER_HEALTH_SLOW_MS/);
  });
});
