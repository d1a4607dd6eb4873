import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../../test/database.js';
import {
  addMember,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';
import { createApiToken, injectJsonRpc } from '../../test/mcpHttp.js';
import { everythingStdio } from '../../test/peers.js';
import { nextUtcMidnight } from './day.js';

/** One stateless 2025-era tools/call to /mcp, as an MCP client sends it. */
function callEcho(studio: TestStudio, token: string, id: number) {
  const params = { name: 'everything__echo', arguments: { message: `call ${id}` } };
  return injectJsonRpc(studio.app, token, { id, method: 'tools/call', params });
}

async function usedToday(studio: TestStudio, member: SessionTokens | string) {
  const credential = typeof member === 'string' ? member : member.accessToken;
  return (await callApi(studio.app, credential, 'GET', '/api/usage/quota')).json();
}

describe('daily quotas', () => {
  let studio: TestStudio;
  let admin: SessionTokens;

  beforeAll(async () => {
    studio = await startTestStudio({ env: { EXTERNAL_MCP_FREE_DAILY_LIMIT: '50' } });
    admin = await registerOwner(studio.app);
    await registerServer(studio.app, admin.accessToken, { ...everythingStdio, name: 'everything' });
  }, 60_000);

  afterAll(() => studio.close());

  it('lets exactly 50 of 500 concurrent /mcp calls through and answers the rest 429 with the quota', async () => {
    const member = await addMember(studio.app, admin.accessToken, 'USER');
    const token = await createApiToken(studio.app, member.accessToken, ['mcp:*']);
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => callEcho(studio, token, i)));

    const passed = answers.filter((res) => res.statusCode === 200);
    const refused = answers.filter((res) => res.statusCode === 429);
    expect(passed).toHaveLength(50);
    expect(refused).toHaveLength(450);
    for (const res of passed) expect(res.body).toContain('Echo: call');
    const body = refused[0]?.json();
    const resetAt = nextUtcMidnight(studio.clock.now()).toISOString();
    expect(body).toMatchObject({
      error: { code: 'quota_exceeded' },
      limit: 50,
      remaining: 0,
      reset_at: resetAt,
    });
    expect(refused[0]?.headers).toMatchObject({ 'ratelimit-limit': '50', 'ratelimit-remaining': '0' });
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0]?.headers['ratelimit-reset']).toBe(refused[0]?.headers['retry-after']);

    expect(await usedToday(studio, member)).toMatchObject({ plan: 'FREE', limit: 50, used: 50, remaining: 0 });
    await studio.usage.metering.flush();
    const report = await callApi(studio.app, member.accessToken, 'GET', `/api/v1/external-mcp/usage?groupBy=tool`);
    expect(report.json().totals).toMatchObject({ calls: 500, errors: 0, rejected: 450 });
  }, 120_000);

  it('counts listing and refused calls never, and gives back a call that never reached its server', async () => {
    const member = await addMember(studio.app, admin.accessToken, 'USER');
    const token = await createApiToken(studio.app, member.accessToken, ['mcp:*']);
    const list = await injectJsonRpc(studio.app, token, { id: 1, method: 'tools/list' });
    expect(list.statusCode).toBe(200);
    const unknown = await injectJsonRpc(studio.app, token, {
      id: 2,
      method: 'tools/call',
      params: { name: 'nowhere__echo', arguments: {} },
    });
    expect(unknown.body).toContain('Unknown tool');
    // Arguments the tool's schema refuses are stopped before the server: the count is given back.
    const servers = (await callApi(studio.app, member.accessToken, 'GET', '/api/servers')).json().servers;
    const bad = await callApi(studio.app, member.accessToken, 'POST', `/api/servers/${servers[0].id}/tools/echo/call`, {
      arguments: { message: 42 },
    });
    expect(bad.statusCode).toBe(400);
    expect(await usedToday(studio, member)).toMatchObject({ used: 0, remaining: 50 });

    const ok = await callApi(studio.app, member.accessToken, 'POST', `/api/servers/${servers[0].id}/tools/echo/call`, {
      arguments: { message: 'counted' },
    });
    expect(ok.statusCode).toBe(200);
    expect(await usedToday(studio, member)).toMatchObject({ used: 1, remaining: 49 });

    await studio.usage.metering.flush();
    const statuses = (
      await callApi(studio.app, member.accessToken, 'GET', '/api/v1/external-mcp/usage/export?format=json')
    )
      .json()
      .map((event: { status: string; errorCode: string | null }) => `${event.status}:${event.errorCode}`);
    expect(statuses.sort()).toEqual(['denied:unknown_tool', 'error:invalid_arguments', 'ok:null']);
  }, 60_000);

  it('counts the calls of an unlimited plan too, and a limit set later counts them', async () => {
    const member = await addMember(studio.app, admin.accessToken, 'USER');
    const plan = (name: string) => callApi(studio.app, admin.accessToken, 'PATCH', '/api/org', { plan: name });
    expect((await plan('ENTERPRISE')).statusCode).toBe(200);
    const token = await createApiToken(studio.app, member.accessToken, ['mcp:*']);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => callEcho(studio, token, i)));
    expect(answers.map((res) => res.statusCode)).toEqual(Array(60).fill(200));
    expect(await usedToday(studio, member)).toMatchObject({
      plan: 'ENTERPRISE',
      limit: null,
      used: 60,
      remaining: null,
    });

    // Back on FREE: the 60 calls made while unlimited count against its 50.
    expect((await plan('FREE')).statusCode).toBe(200);
    expect((await callEcho(studio, token, 60)).statusCode).toBe(429);
    expect(await usedToday(studio, member)).toMatchObject({ plan: 'FREE', limit: 50, used: 60, remaining: 0 });
  }, 60_000);

  it('starts counting again at UTC midnight', async () => {
    const member = await addMember(studio.app, admin.accessToken, 'USER');
    // An API token, since a session's access token would expire as the clock moves on.
    const token = await createApiToken(studio.app, member.accessToken, ['*']);
    const servers = (await callApi(studio.app, token, 'GET', '/api/servers')).json().servers;
    const call = () =>
      callApi(studio.app, token, 'POST', `/api/servers/${servers[0].id}/tools/echo/call`, {
        arguments: { message: 'tick' },
      });
    // Just before midnight: the day's 50 calls are spent.
    const midnight = nextUtcMidnight(studio.clock.now());
    studio.clock.advance(midnight.getTime() - 2000 - studio.clock.now().getTime());
    await Promise.all(Array.from({ length: 50 }, call));
    const over = await call();
    expect(over.statusCode).toBe(429);
    expect(over.json().reset_at).toBe(midnight.toISOString());

    studio.clock.advance(2000);
    expect((await call()).statusCode).toBe(200);
    expect(await usedToday(studio, token)).toMatchObject({
      used: 1,
      remaining: 49,
      reset_at: nextUtcMidnight(midnight).toISOString(),
    });
  }, 60_000);
});

// Two studio processes (here: two app instances, each with its own connection pool) share one PostgreSQL.
describe.skipIf(testDatabaseKind() !== 'postgres')('daily quotas across two studio instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let first: TestStudio;
  let second: TestStudio;

  beforeAll(async () => {
    database = await openTestDatabase();
    const env = { EXTERNAL_MCP_FREE_DAILY_LIMIT: '50' };
    first = await startTestStudio({ env, database });
    second = await startTestStudio({
      env,
      database: await openDatabase({ kind: 'postgres', url: database.url as string }),
      keyring: first.deps.keyring,
    });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('lets exactly 50 of 500 calls split over both instances through', async () => {
    const admin = await registerOwner(first.app);
    await registerServer(first.app, admin.accessToken, { ...everythingStdio, name: 'everything' });
    const token = await createApiToken(first.app, admin.accessToken, ['mcp:*']);
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => callEcho(i % 2 === 0 ? first : second, token, i)),
    );
    expect(answers.filter((res) => res.statusCode === 200)).toHaveLength(50);
    expect(answers.filter((res) => res.statusCode === 429)).toHaveLength(450);
    // Counters kept per process would have let up to 100 through: 250 calls reached each instance.
    expect(await usedToday(second, admin)).toMatchObject({ used: 50, remaining: 0 });
  }, 120_000);
});
