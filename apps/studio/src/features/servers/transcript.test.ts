import type { Role, SessionTokens, TranscriptEntry } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, bearer, startStudioWithServer, type TestStudio } from '../../test/harness.js';
import { everythingStdio } from '../../test/peers.js';
import { TRANSCRIPT_MAX_ENTRIES, TRANSCRIPT_MAX_MESSAGE_BYTES } from './connection/transcript.js';

type JsonRpc = {
  id?: number | string;
  method?: string;
  params?: { arguments?: { message?: string } };
  result?: unknown;
};

describe('the JSON-RPC transcript in a server’s logs', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let serverId: string;

  beforeAll(async () => {
    ({ studio, admin, serverId } = await startStudioWithServer({ name: 'everything', ...everythingStdio }));
  });
  afterAll(() => studio.close());

  const echo = async (message: string) => {
    const res = await studio.app.inject({
      method: 'POST',
      url: `/api/servers/${serverId}/tools/echo/call`,
      headers: bearer(admin.accessToken),
      payload: { arguments: { message } },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const logs = (token = admin.accessToken) =>
    studio.app.inject({ method: 'GET', url: `/api/servers/${serverId}/logs`, headers: bearer(token) });
  const transcript = async (): Promise<TranscriptEntry[]> => {
    const res = await logs();
    expect(res.statusCode, res.body).toBe(200);
    return res.json().transcript;
  };

  it('shows a tool call as the request sent and its response received, oldest first', async () => {
    await echo('first words');
    const entries = await transcript();
    const messages = entries.map((entry) => entry.message as JsonRpc);
    const request = messages.findIndex(
      (m) => m.method === 'tools/call' && m.params?.arguments?.message === 'first words',
    );
    expect(request).toBeGreaterThan(0);
    expect(entries[request]).toMatchObject({ direction: 'sent', truncated: false });
    const id = messages[request]!.id;
    const response = messages.findIndex((m) => m.id === id && m.result !== undefined);
    expect(response).toBeGreaterThan(request);
    expect(entries[response]).toMatchObject({
      direction: 'received',
      truncated: false,
      message: { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'Echo: first words' }] } },
    });
    // The session's opening is there too, before the call.
    expect(messages.findIndex((m) => m.method === 'initialize' || m.method === 'server/discover')).toBeLessThan(
      request,
    );
    for (const entry of entries) expect(new Date(entry.at).toISOString()).toBe(entry.at);
  });

  it('cuts a long message to its first 16 KiB of JSON', async () => {
    const long = 'é'.repeat(12_000); // 24 000 bytes of UTF-8
    await echo(long);
    const entries = await transcript();
    const cut = entries.filter((entry) => entry.truncated);
    expect(cut.map((entry) => entry.direction).sort()).toEqual(['received', 'sent']);
    for (const entry of cut) {
      expect(typeof entry.message).toBe('string');
      const text = entry.message as string;
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(TRANSCRIPT_MAX_MESSAGE_BYTES);
      expect(Buffer.byteLength(text)).toBeGreaterThan(TRANSCRIPT_MAX_MESSAGE_BYTES - 4);
      expect(text.startsWith('{')).toBe(true);
      expect(text).not.toContain('\uFFFD');
    }
  });

  it('keeps the messages of earlier sessions when the server restarts', async () => {
    const restart = await studio.app.inject({
      method: 'POST',
      url: `/api/servers/${serverId}/restart`,
      headers: bearer(admin.accessToken),
    });
    expect(restart.statusCode).toBe(204);
    await echo('after the restart');
    const messages = (await transcript()).map((entry) => entry.message as JsonRpc);
    const said = messages.map((m) => m.params?.arguments?.message);
    expect(said).toContain('first words');
    expect(said).toContain('after the restart');
    expect(messages.filter((m) => m.method === 'initialize')).toHaveLength(2);
  });

  it('keeps only the most recent 200 messages', async () => {
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => echo(`message ${batch * 20 + i}`)));
    }
    const entries = await transcript();
    expect(entries).toHaveLength(TRANSCRIPT_MAX_ENTRIES);
    const texts = entries.map((entry) => JSON.stringify(entry.message));
    expect(texts.some((text) => text.includes('first words'))).toBe(false);
    expect(texts.some((text) => text.includes('message 119'))).toBe(true);
  });

  it('is for ADMINs only: other roles get 403', async () => {
    const roles: Role[] = ['MANAGER', 'OPERATOR', 'USER', 'VIEWER'];
    for (const role of roles) {
      const member = await addMember(studio.app, admin.accessToken, role);
      const res = await logs(member.accessToken);
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain('transcript');
    }
    expect((await logs()).statusCode).toBe(200);
  });
});
