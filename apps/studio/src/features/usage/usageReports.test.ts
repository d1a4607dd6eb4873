import type { SessionTokens, UsageEvent } from '@mcp-studio/protocol';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageDaily, usageEvents } from '../../platform/db/schema.js';
import {
  addMember,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';
import { everythingStdio } from '../../test/peers.js';
import { utcDay } from './day.js';
import { EXPORT_COLUMNS } from './exportFormats.js';

describe('usage report and export', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let member: SessionTokens;
  let serverId: string;

  const echo = (who: SessionTokens, message: string) =>
    callApi(studio.app, who.accessToken, 'POST', `/api/servers/${serverId}/tools/echo/call`, {
      arguments: { message },
    });
  const get = (who: SessionTokens, url: string) => callApi(studio.app, who.accessToken, 'GET', url);

  beforeAll(async () => {
    studio = await startTestStudio();
    admin = await registerOwner(studio.app);
    member = await addMember(studio.app, admin.accessToken, 'USER');
    serverId = await registerServer(studio.app, admin.accessToken, { ...everythingStdio, name: 'everything' });
    // Three calls by the admin, two by the member and one resource read by the member.
    expect((await echo(admin, 'one')).statusCode).toBe(200);
    expect((await echo(admin, 'two')).statusCode).toBe(200);
    const sum = await callApi(studio.app, admin.accessToken, 'POST', `/api/servers/${serverId}/tools/get-sum/call`, {
      arguments: { a: 2, b: 3 },
    });
    expect(sum.statusCode).toBe(200);
    expect((await echo(member, 'three, with "quotes"')).statusCode).toBe(200);
    expect((await echo(member, '=cmd|calc')).statusCode).toBe(200);
    const read = await callApi(studio.app, member.accessToken, 'POST', `/api/servers/${serverId}/resources/read`, {
      uri: 'demo://resource/static/document/architecture.md',
    });
    expect(read.statusCode).toBe(200);
    await studio.usage.metering.flush();
  }, 60_000);

  afterAll(() => studio.close());

  it('stores one event per call with who, what, sizes and estimated tokens', async () => {
    const rows = await studio.deps.database.db.select().from(usageEvents);
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.serverId === serverId)).toBe(true);
    const read = rows.find((row) => row.method === 'resources/read');
    expect(read).toMatchObject({ tool: 'demo://resource/static/document/architecture.md', status: 'ok' });
    for (const row of rows) {
      expect(row.requestId).not.toBe('');
      expect(row.bytesIn).toBeGreaterThan(0);
      expect(row.tokensIn).toBe(Math.ceil(row.bytesIn / 4));
      expect(row.tokensOut).toBe(Math.ceil(row.bytesOut / 4));
    }
    const echoes = rows.filter((row) => row.tool === 'echo');
    expect(echoes.every((row) => row.status === 'ok' && row.bytesOut > 0)).toBe(true);
    expect(new Set(rows.map((row) => row.id)).size).toBe(6);
  });

  it('groups by tool, user, server and day; an ADMIN sees everyone, a member only themselves', async () => {
    const byTool = (await get(admin, '/api/v1/external-mcp/usage?groupBy=tool')).json();
    expect(byTool.scope).toBe('organization');
    expect(byTool.totals.calls).toBe(6);
    expect(byTool.groups[0]).toMatchObject({ key: 'echo', label: 'echo', calls: 4, errors: 0 });
    expect(byTool.groups[0].latencyP50Ms).toBeGreaterThanOrEqual(0);

    const byUser = (await get(admin, '/api/v1/external-mcp/usage?groupBy=user')).json();
    expect(byUser.groups.map((g: { calls: number }) => g.calls).sort()).toEqual([3, 3]);
    expect(byUser.groups.map((g: { label: string }) => g.label).join(' ')).toContain('USER member');

    const byServer = (await get(admin, '/api/v1/external-mcp/usage?groupBy=server')).json();
    expect(byServer.groups).toEqual([expect.objectContaining({ key: serverId, label: 'everything', calls: 6 })]);

    const byDay = (await get(admin, '/api/v1/external-mcp/usage?groupBy=day')).json();
    expect(byDay.groups).toEqual([expect.objectContaining({ key: utcDay(studio.clock.now()), calls: 6 })]);

    const own = (await get(member, '/api/v1/external-mcp/usage?groupBy=tool')).json();
    expect(own).toMatchObject({ scope: 'self', totals: { calls: 3 } });
    const adminId = (await get(admin, '/api/auth/me')).json().user.id;
    const other = await get(member, `/api/v1/external-mcp/usage?userId=${adminId}`);
    expect(other.statusCode).toBe(403);

    const filtered = (await get(admin, `/api/v1/external-mcp/usage?groupBy=tool&userId=${adminId}&tool=echo`)).json();
    expect(filtered.totals.calls).toBe(2);
    expect((await get(admin, '/api/v1/external-mcp/usage?from=2030-01-02&to=2030-01-01')).statusCode).toBe(400);
    expect((await get(admin, '/api/v1/external-mcp/usage?groupBy=week')).statusCode).toBe(400);
  });

  it('exports one row per call as CSV that parses, and as JSON', async () => {
    const csv = await get(admin, '/api/v1/external-mcp/usage/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="mcp-usage-.*\.csv"$/);
    const records = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(6);
    expect(Object.keys(records[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(records.map((r) => r.tool).filter((t) => t === 'echo')).toHaveLength(4);

    const json = (await get(member, '/api/v1/external-mcp/usage/export?format=json')).json() as UsageEvent[];
    expect(json).toHaveLength(3);
    expect(json.map((event) => event.at)).toEqual([...json.map((event) => event.at)].sort());
  });

  it('sums each day into daily totals, again without double counting, and purges events past retention', async () => {
    const { db } = studio.deps.database;
    await studio.usage.maintenance.runOnce();
    await studio.usage.maintenance.runOnce();
    const today = utcDay(studio.clock.now());
    const daily = await db.select().from(usageDaily).where(eq(usageDaily.day, today));
    expect(daily.reduce((sum, row) => sum + row.calls, 0)).toBe(6);
    const echoes = daily.filter((row) => row.tool === 'echo' && row.status === 'ok');
    expect(echoes.map((row) => row.calls)).toEqual([2, 2]);

    studio.clock.advance(91 * 86_400_000);
    await studio.usage.maintenance.runOnce();
    expect(await db.select().from(usageEvents)).toHaveLength(0);
    const kept = await db.select().from(usageDaily).where(eq(usageDaily.day, today));
    expect(kept.reduce((sum, row) => sum + row.calls, 0)).toBe(6);
  });
});
