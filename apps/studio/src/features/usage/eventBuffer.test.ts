import { randomUUID } from 'node:crypto';
import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageEvents } from '../../platform/db/schema.js';
import { callApi, registerOwner, registerServer, startTestStudio, type TestStudio } from '../../test/harness.js';
import { everythingStdio } from '../../test/peers.js';
import { UsageEventBuffer, type UsageRow } from './eventBuffer.js';

describe('usage event batches', () => {
  let studio: TestStudio;
  let owner: SessionTokens;
  let closed = false;

  beforeAll(async () => {
    studio = await startTestStudio();
    owner = await registerOwner(studio.app);
  });

  afterAll(async () => {
    if (!closed) await studio.app.close();
    await studio.deps.database.close();
  });

  async function eventOfMine(): Promise<UsageRow> {
    const me = (await callApi(studio.app, owner.accessToken, 'GET', '/api/auth/me')).json();
    return {
      id: randomUUID(),
      requestId: 'req-1',
      orgId: me.organization.id,
      userId: me.user.id,
      serverId: null,
      method: 'tools/call',
      tool: 'echo',
      status: 'ok',
      latencyMs: 3,
      bytesIn: 10,
      bytesOut: 20,
      tokensIn: 3,
      tokensOut: 5,
      at: new Date(),
    };
  }

  it('writes an event that is sent again (a retried batch) only once', async () => {
    const { db } = studio.deps.database;
    const row = await eventOfMine();
    const buffer = new UsageEventBuffer({ db, flushIntervalMs: 60_000, log: { warn: () => {} } });
    buffer.add(row);
    await buffer.flush();
    buffer.add({ ...row });
    await buffer.close();
    expect(await db.select().from(usageEvents)).toHaveLength(1);
  });

  it('writes every field of a batch as it was, whatever the text holds and whichever are empty', async () => {
    const { db } = studio.deps.database;
    const base = await eventOfMine();
    const awkward = ['file:///a,"b"{c}\\d', 'NULL', '', ' spaced ', 'naïve ✓ 日本'];
    const rows: UsageRow[] = awkward.map((text, index) => ({
      ...base,
      id: randomUUID(),
      requestId: `awkward-${index}`,
      tokenId: index % 2 === 0 ? randomUUID() : null,
      workspaceId: null,
      serverId: index % 2 === 0 ? null : randomUUID(),
      method: 'resources/read',
      tool: text,
      status: 'error',
      errorCode: index % 2 === 0 ? text : null,
      latencyMs: 2 ** 31 - 1,
      bytesIn: index,
      bytesOut: 0,
      tokensIn: index * 7,
      tokensOut: 1,
      at: new Date(Date.UTC(2026, 10, 21, 23, 59, 59, 123 + index)),
    }));
    const buffer = new UsageEventBuffer({ db, flushIntervalMs: 60_000, log: { warn: () => {} } });
    for (const row of rows) buffer.add(row);
    await buffer.close();
    const written = (await db.select().from(usageEvents)).filter((row) => row.requestId.startsWith('awkward-'));
    const byRequest = (a: { requestId: string }, b: { requestId: string }) => a.requestId.localeCompare(b.requestId);
    expect(written.sort(byRequest)).toEqual(rows.map((row) => ({ ...row })).sort(byRequest));
  });

  it('writes the events still waiting when the studio shuts down', async () => {
    const serverId = await registerServer(studio.app, owner.accessToken, { ...everythingStdio, name: 'everything' });
    const res = await callApi(studio.app, owner.accessToken, 'POST', `/api/servers/${serverId}/tools/echo/call`, {
      arguments: { message: 'last words' },
    });
    expect(res.statusCode).toBe(200);
    await studio.app.close();
    closed = true;
    const rows = await studio.deps.database.db.select().from(usageEvents);
    expect(rows.filter((row) => row.serverId === serverId)).toHaveLength(1);
  }, 60_000);
});
