// Direct tool calls answer exactly as the SDK client's own callTool does on the same session, result by result and
// failure by failure; they cancel, fail on close, and leave the client's own requests alone.
import {
  Client,
  InMemoryTransport,
  type JSONRPCMessage,
  ProtocolError,
  SdkError,
  SdkErrorCode,
} from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordTranscript, TranscriptRing } from '../connection/transcript.js';
import { DirectToolCalls, FIRST_DIRECT_ID } from './directToolCalls.js';

type Request = { id: number; method: string; params?: { name?: string; requestId?: number } };

/** What the peer answers to `tools/call`, per tool name: a raw result, or a JSON-RPC error. */
const ANSWERS: Record<string, { result: unknown } | { error: { code: number; message: string; data?: unknown } }> = {
  text: { result: { content: [{ type: 'text', text: 'Echo: hi' }] } },
  'tool error': { result: { content: [{ type: 'text', text: 'no such file' }], isError: true } },
  structured: { result: { content: [{ type: 'text', text: '{"n":1}' }], structuredContent: { n: 1 } } },
  'wire extras': { result: { content: [], resultType: 'complete', _meta: { 'example.com/trace': 'abc' } } },
  'not a list': { result: { content: 'not a list' } },
  'rpc error': { error: { code: -32001, message: 'Tool failed on purpose', data: { why: 'testing' } } },
};

/**
 * A 2025-era MCP peer on an in-memory transport: the handshake, `tools/list`, and `tools/call` from ANSWERS; the
 * tool `slow` is answered only when `release()` is called. Every message it received is kept.
 */
async function connectedPair() {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const received: Request[] = [];
  const held: Request[] = [];
  const answer = (request: Request, fields: object) =>
    void serverSide.send({ jsonrpc: '2.0', id: request.id, ...fields } as JSONRPCMessage);
  const respond = (request: Request) => {
    if (request.method === 'initialize') {
      const serverInfo = { name: 'peer', version: '1' };
      return answer(request, { result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo } });
    }
    if (request.method === 'tools/list') return answer(request, { result: { tools: [] } });
    if (request.method !== 'tools/call') return answer(request, { error: { code: -32601, message: 'Not found' } });
    if (request.params?.name === 'slow') return held.push(request);
    return answer(request, ANSWERS[request.params?.name ?? ''] ?? { error: { code: -32602, message: 'Unknown' } });
  };
  serverSide.onmessage = (message) => {
    received.push(message as Request);
    // Answered on a later turn, as a real peer would.
    if ('id' in message && 'method' in message) setImmediate(() => respond(message as Request));
  };
  await serverSide.start();
  const transcript = new TranscriptRing();
  recordTranscript(clientSide, transcript);
  const client = new Client({ name: 'test', version: '1' }, { versionNegotiation: { mode: 'legacy' } });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(clientSide);
  const direct = DirectToolCalls.attach(client, transcript);
  if (!direct) throw new Error('no direct calls on a 2025-era session');
  const release = () => {
    for (const request of held.splice(0)) answer(request, ANSWERS.text as object);
  };
  return { client, direct, received, transcript, errors, release, serverSide };
}

/** A settled promise as a comparable value: its result, or its failure's class, code, message and data. */
async function outcome(promise: Promise<unknown>) {
  try {
    return { result: await promise };
  } catch (error) {
    const { code, message, data } = error as { code?: unknown; message?: unknown; data?: unknown };
    return { failure: { kind: error?.constructor?.name, code, message, data } };
  }
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('direct tool calls', () => {
  for (const name of Object.keys(ANSWERS)) {
    it(`answer "${name}" as the SDK client's callTool does`, async () => {
      const pair = await connectedPair();
      close = () => pair.client.close();
      const params = { name, arguments: { message: 'hi' } };
      const direct = await outcome(pair.direct.callTool(params, new AbortController().signal));
      const sdk = await outcome(pair.client.callTool(params));
      expect(direct).toEqual(sdk);
      expect(pair.errors).toEqual([]);
    });
  }

  it('fail as the SDK fails for a result that is not a tool result, and a JSON-RPC error', async () => {
    const pair = await connectedPair();
    close = () => pair.client.close();
    const signal = new AbortController().signal;
    const invalid = pair.direct.callTool({ name: 'not a list', arguments: {} }, signal);
    await expect(invalid).rejects.toSatisfy((error) => SdkError.isInstance(error));
    await expect(invalid).rejects.toThrow(/^Invalid result for tools\/call: /);
    const failed = pair.direct.callTool({ name: 'rpc error', arguments: {} }, signal);
    await expect(failed).rejects.toBeInstanceOf(ProtocolError);
    await expect(failed).rejects.toMatchObject({ code: -32001, data: { why: 'testing' } });
  });

  it('are sent with ids of their own, and kept in the transcript both ways', async () => {
    const pair = await connectedPair();
    close = () => pair.client.close();
    await pair.direct.callTool({ name: 'text', arguments: { message: 'hi' } }, new AbortController().signal);
    const call = pair.received.find((message) => message.method === 'tools/call');
    expect(call?.id).toBe(FIRST_DIRECT_ID);
    const kept = pair.transcript.entries().map(({ direction, message }) => [direction, (message as Request).id]);
    expect(kept.slice(-2)).toEqual([
      ['sent', FIRST_DIRECT_ID],
      ['received', FIRST_DIRECT_ID],
    ]);
  });

  it('tell the server when the caller aborts, and drop the late answer unseen', async () => {
    const pair = await connectedPair();
    close = () => pair.client.close();
    const controller = new AbortController();
    const pending = pair.direct.callTool({ name: 'slow', arguments: {} }, controller.signal);
    await vi.waitFor(() => expect(pair.received.some((message) => message.params?.name === 'slow')).toBe(true));
    // The client's own requests go on meanwhile.
    expect(await pair.client.listTools()).toEqual({ tools: [] });
    const reason = new Error('the caller went away');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await vi.waitFor(() => {
      const cancelled = pair.received.find((message) => message.method === 'notifications/cancelled');
      expect(cancelled?.params).toEqual({ requestId: FIRST_DIRECT_ID, reason: String(reason) });
    });
    pair.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pair.errors).toEqual([]);
  });

  it('fail as the client fails its requests when the connection closes, and refuse new ones', async () => {
    const pair = await connectedPair();
    const signal = new AbortController().signal;
    const pending = pair.direct.callTool({ name: 'slow', arguments: {} }, signal);
    const sdkPending = pair.client.callTool({ name: 'slow', arguments: {} });
    await vi.waitFor(() => expect(pair.received.filter((m) => m.params?.name === 'slow')).toHaveLength(2));
    await pair.serverSide.close();
    const closed = { kind: 'SdkError', code: SdkErrorCode.ConnectionClosed, message: 'Connection closed' };
    expect(await outcome(pending)).toMatchObject({ failure: closed });
    expect(await outcome(sdkPending)).toMatchObject({ failure: closed });
    expect(await outcome(pair.direct.callTool({ name: 'text', arguments: {} }, signal))).toMatchObject({
      failure: closed,
    });
  });
});
