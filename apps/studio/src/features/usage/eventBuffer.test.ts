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

  it('writes an event that is sent again (a retried batch) only once', async () => {
    const { db } = studio.deps.database;
    const me = (await callApi(studio.app, owner.accessToken, 'GET', '/api/auth/me')).json();
    const row: UsageRow = {
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
    const buffer = new UsageEventBuffer({ db, flushIntervalMs: 60_000, log: { warn: () => {} } });
    buffer.add(row);
    await buffer.flush();
    buffer.add({ ...row });
    await buffer.close();
    expect(await db.select().from(usageEvents)).toHaveLength(1);
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
