import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { npmServerEntry, startEverythingHttp } from '../../../test/peers.js';
import { closeSession, openSession } from '../manager/session.js';
import { pickBaseEnv } from './stdioProcess.js';
import { TranscriptRing } from './transcript.js';

const everything = npmServerEntry('@modelcontextprotocol/server-everything');

type JsonRpc = { id?: number | string; method?: string; result?: unknown };

describe('TranscriptRing', () => {
  it('drops the oldest messages beyond its size', () => {
    const ring = new TranscriptRing(3);
    for (let id = 1; id <= 5; id++) ring.record('sent', { jsonrpc: '2.0', id, method: 'ping' });
    expect(ring.entries().map((entry) => (entry.message as { id: number }).id)).toEqual([3, 4, 5]);
  });

  it('cuts a message on a character boundary and keeps it as text', () => {
    const ring = new TranscriptRing(10, 20);
    ring.record('received', { text: '€€€€€€€€' }); // {"text":" is 9 bytes, then 3 bytes per €
    const [entry] = ring.entries();
    expect(entry).toMatchObject({ direction: 'received', truncated: true, message: '{"text":"€€€' });
    ring.record('received', { a: 1 });
    expect(ring.entries()[1]).toMatchObject({ truncated: false, message: { a: 1 } });
  });

  it('keeps a snapshot, not the live object', () => {
    const ring = new TranscriptRing();
    const message = { jsonrpc: '2.0', id: 1, result: { n: 1 } };
    ring.record('received', message);
    message.result.n = 2;
    expect(ring.entries()[0]!.message).toEqual({ jsonrpc: '2.0', id: 1, result: { n: 1 } });
  });
});

describe('a session opened with a transcript', () => {
  it('records both directions of a real stdio session, the SDK’s own handling unchanged', async () => {
    const ring = new TranscriptRing();
    const target = { transport: 'stdio' as const, command: process.execPath, args: [everything, 'stdio'] };
    const session = await openSession(
      target,
      { baseEnv: pickBaseEnv(process.env), timeoutMs: 10_000, transcript: ring },
      () => {},
    );
    try {
      await session.client.ping();
      const entries = ring.entries().map(({ direction, message }) => ({ direction, ...(message as JsonRpc) }));
      const initialize = entries.findIndex((m) => m.direction === 'sent' && m.method === 'initialize');
      expect(entries[initialize + 1]).toMatchObject({ direction: 'received', id: entries[initialize]!.id });
      expect(entries[initialize + 1]!.result).toMatchObject({ serverInfo: expect.any(Object) });
      const ping = entries.findIndex((m) => m.direction === 'sent' && m.method === 'ping');
      expect(ping).toBeGreaterThan(initialize);
      expect(entries.slice(ping + 1)).toContainEqual({
        direction: 'received',
        jsonrpc: '2.0',
        id: entries[ping]!.id,
        result: {},
      });
    } finally {
      await closeSession(session);
    }
  });

  let httpPeer: Awaited<ReturnType<typeof startEverythingHttp>> | undefined;
  afterAll(async () => {
    await httpPeer?.stop();
  });

  it('records a Streamable HTTP session too, with the progress that came on the call’s stream', async () => {
    httpPeer = await startEverythingHttp();
    const { port } = httpPeer;
    const ring = new TranscriptRing();
    const target = { transport: 'streamable-http' as const, url: `http://127.0.0.1:${port}/mcp` };
    const session = await openSession(target, { timeoutMs: 10_000, transcript: ring }, () => {});
    try {
      const progress: number[] = [];
      const result = (await session.client.callTool(
        { name: 'trigger-long-running-operation', arguments: { duration: 0.4, steps: 2 } },
        { onprogress: (p) => progress.push(p.progress) },
      )) as CallToolResult;
      expect(result.content[0]).toMatchObject({ type: 'text' });
      const entries = ring.entries().map(({ direction, message }) => ({ direction, ...(message as JsonRpc) }));
      const call = entries.find((m) => m.direction === 'sent' && m.method === 'tools/call');
      expect(call).toBeDefined();
      const received = entries.filter((m) => m.direction === 'received');
      expect(received.filter((m) => m.method === 'notifications/progress').length).toBeGreaterThanOrEqual(1);
      expect(received.find((m) => m.id === call!.id)?.result).toEqual(result);
      expect(progress[0]).toBe(1);
    } finally {
      await closeSession(session);
    }
  });
});
