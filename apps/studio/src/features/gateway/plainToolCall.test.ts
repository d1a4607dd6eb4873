// The plain path answers exactly as the SDK's handler would: it takes only requests the SDK would serve as they stand,
// and its answers are compared with the SDK's own for the same request and result.
import type { IncomingHttpHeaders } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  type CallToolResult,
  createMcpHandler,
  ProtocolError,
  ProtocolErrorCode,
  Server,
} from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { STUDIO_IMPLEMENTATION } from '../../version.js';
import { type PlainToolCall, plainToolCall, toolCallAnswer, toolCallError } from './plainToolCall.js';

type Era = 'auto' | 'legacy';
interface Sent {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** An SDK handler whose `tools/call` answers as the gateway's SDK server does: the era's projection of `outcome`. */
function sdkHandler(outcome: () => CallToolResult) {
  return createMcpHandler(() => {
    const server = new Server(STUDIO_IMPLEMENTATION, { capabilities: { tools: {} } });
    server.setRequestHandler('tools/list', async () => ({ tools: [] }));
    server.setRequestHandler('tools/call', async () => server.projectCallToolResult(outcome(), undefined));
    return server;
  });
}

/**
 * A real SDK client in `era`, talking to `handler` in memory. Every `tools/call` it sends is kept with its headers,
 * and the handler's answer body with it.
 */
async function connectedClient(era: Era, handler: ReturnType<typeof sdkHandler>) {
  const calls: (Sent & { answer: string })[] = [];
  const fetch = async (url: string | URL, init?: RequestInit) => {
    const request = new Request(url, init);
    const body = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    const response = await handler.fetch(request, body === undefined ? undefined : { parsedBody: body });
    if (body?.method !== 'tools/call') return response;
    const answer = await response.text();
    const headers = Object.fromEntries(request.headers) as IncomingHttpHeaders;
    calls.push({ headers, body, answer });
    return new Response(answer, { status: response.status, headers: response.headers });
  };
  const client = new Client({ name: 'conformance', version: '1' }, { versionNegotiation: { mode: era } });
  await client.connect(new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), { fetch }));
  return { client, calls };
}

function onlyCall<T>(calls: T[]): T {
  expect(calls).toHaveLength(1);
  return calls[0] as T;
}

/** The JSON-RPC message of an answer, whether it came as JSON or as one SSE event. */
function messageOf(answer: string): unknown {
  const data = answer.split('\n').find((line) => line.startsWith('data: '));
  return JSON.parse(data ? data.slice('data: '.length) : answer);
}

const RESULTS: Record<string, CallToolResult> = {
  text: { content: [{ type: 'text', text: 'Echo: hi' }] },
  'tool error': { content: [{ type: 'text', text: 'no such file' }], isError: true },
  'structured object': { content: [{ type: 'text', text: '{"n":1}' }], structuredContent: { n: 1 } },
  'structured object, no text': { content: [], structuredContent: { n: 1 } },
  'structured array, no text': { content: [], structuredContent: [1, 2] as never },
  'structured number with text': { content: [{ type: 'text', text: '3' }], structuredContent: 3 as never },
  'own _meta': { content: [{ type: 'text', text: 'x' }], _meta: { 'example.com/trace': 'abc' } },
  'own server identity': {
    content: [{ type: 'text', text: 'x' }],
    _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'upstream', version: '9' } },
  },
};

describe('the plain tools/call path', () => {
  for (const era of ['auto', 'legacy'] as const) {
    describe(`with a ${era === 'auto' ? '2026' : '2025'}-era client`, () => {
      for (const [kind, result] of Object.entries(RESULTS)) {
        it(`answers a ${kind} result as the SDK does`, async () => {
          const { client, calls } = await connectedClient(
            era,
            sdkHandler(() => result),
          );
          await client.callTool({ name: 'any_tool', arguments: { message: 'hi' } });
          const sent = onlyCall(calls);
          const call = plainToolCall('POST', sent.headers, sent.body);
          expect(call).toEqual({
            id: sent.body.id,
            name: 'any_tool',
            args: { message: 'hi' },
            era: era === 'auto' ? 'modern' : 'legacy',
          });
          expect(JSON.parse(toolCallAnswer(call as PlainToolCall, result))).toEqual(messageOf(sent.answer));
          await client.close();
        });
      }

      it('answers a refused call with the JSON-RPC error the SDK sends', async () => {
        const refusal = new ProtocolError(ProtocolErrorCode.InvalidParams, 'Unknown tool: nope');
        const { client, calls } = await connectedClient(
          era,
          sdkHandler(() => {
            throw refusal;
          }),
        );
        await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow('Unknown tool: nope');
        const sent = onlyCall(calls);
        const call = plainToolCall('POST', sent.headers, sent.body) as PlainToolCall;
        expect(JSON.parse(toolCallError(call, refusal))).toEqual(messageOf(sent.answer));
        await client.close();
      });
    });
  }

  describe('leaves to the SDK', () => {
    const modern = {
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'echo',
      } as IncomingHttpHeaders,
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: {
          name: 'echo',
          arguments: { message: 'hi' },
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
    };
    const legacy = {
      headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
      body: { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'echo', arguments: {} } },
    };
    type Posted = { headers: IncomingHttpHeaders; body: { params: Record<string, unknown> } };
    const withParams = (base: Posted, params: Record<string, unknown>) => ({
      ...base,
      body: { ...base.body, params: { ...base.body.params, ...params } },
    });
    const withHeaders = (base: Posted, headers: IncomingHttpHeaders) => ({
      ...base,
      headers: { ...base.headers, ...headers },
    });
    const declined: Record<string, { headers: IncomingHttpHeaders; body: unknown; method?: string }> = {
      'a batch': { headers: legacy.headers, body: [legacy.body] },
      'another method': { headers: legacy.headers, body: { ...legacy.body, method: 'tools/list' } },
      'a notification': { headers: legacy.headers, body: { jsonrpc: '2.0', method: 'tools/call', params: {} } },
      'a null id': { headers: legacy.headers, body: { ...legacy.body, id: null } },
      'a GET': { ...legacy, method: 'GET' },
      'a progress token': withParams(legacy, { _meta: { progressToken: 7 } }),
      'a modern progress token': withParams(modern, {
        _meta: { ...modern.body.params._meta, progressToken: 'p' },
      }),
      'a task request': withParams(legacy, { task: { ttl: 1000 } }),
      'arguments that are not an object': withParams(legacy, { arguments: ['hi'] }),
      'a name that is not a string': withParams(legacy, { name: 5 }),
      'an extra top-level key': { headers: legacy.headers, body: { ...legacy.body, extra: true } },
      'no Accept header': { headers: { 'content-type': 'application/json' }, body: legacy.body },
      'an Accept header without event streams': withHeaders(legacy, { accept: 'application/json' }),
      'an unsupported 2025-era version header': withHeaders(legacy, { 'mcp-protocol-version': '1999-01-01' }),
      'a modern header on a request without the envelope': withHeaders(legacy, {
        'mcp-protocol-version': '2026-07-28',
      }),
      'a 2026-era request without Mcp-Name': withHeaders(modern, { 'mcp-name': undefined }),
      'a 2026-era request whose Mcp-Name differs': withHeaders(modern, { 'mcp-name': 'other' }),
      'a 2026-era request whose Mcp-Method differs': withHeaders(modern, { 'mcp-method': 'tools/list' }),
      'a 2026-era request without the version header': withHeaders(modern, { 'mcp-protocol-version': undefined }),
      'a revision the SDK does not serve': withParams(withHeaders(modern, { 'mcp-protocol-version': '2099-01-01' }), {
        _meta: { ...modern.body.params._meta, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' },
      }),
      'a malformed envelope': withParams(modern, {
        _meta: { ...modern.body.params._meta, 'io.modelcontextprotocol/clientInfo': 'me' },
      }),
    };

    it('takes the plain requests of both eras', () => {
      expect(plainToolCall('POST', legacy.headers, legacy.body)).toMatchObject({ era: 'legacy', id: 'a' });
      expect(plainToolCall('POST', modern.headers, modern.body)).toMatchObject({ era: 'modern', id: 1 });
    });

    for (const [kind, request] of Object.entries(declined)) {
      it(`${kind}`, () => {
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([, value]) => value !== undefined));
        expect(plainToolCall(request.method ?? 'POST', headers, request.body)).toBeUndefined();
      });
    }
  });
});
