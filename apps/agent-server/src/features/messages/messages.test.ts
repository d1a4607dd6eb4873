import fs from 'node:fs';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';
import {
  type AnthropicStandIn,
  errorAnswer,
  messageJson,
  sseEvent,
  startAnthropicStandIn,
} from './fixtures/anthropicStandIn.js';

const API_KEY = 'sk-ant-relay-canary-0123456789';
const MODEL = 'claude-sonnet-4-5';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The events of one streamed reply, in Anthropic's order; the stand-in holds back all after `held` until told. */
function streamedReply() {
  const head = [
    sseEvent('message_start', {
      message: {
        id: 'msg_stream_01',
        type: 'message',
        role: 'assistant',
        content: [],
        model: MODEL,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 1 },
      },
    }),
    sseEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    sseEvent('ping', {}),
    sseEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hel' } }),
  ];
  const tail = [
    ...['lo', ', wor', 'ld', '!'].map((text) =>
      sseEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    ),
    sseEvent('content_block_stop', { index: 0 }),
    sseEvent('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 15 },
    }),
    sseEvent('message_stop', {}),
  ];
  return { head, tail };
}

const eventTypes = (text: string) => [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);

describe('the Messages relay', () => {
  let standIn: AnthropicStandIn;
  let node: TestNode;
  let agent: { id: string; token: string };

  const createAgent = async (name: string, apiKey?: string) => {
    const created = await node.app.inject({
      method: 'POST',
      url: '/api/agents',
      headers: node.auth(),
      payload: { name, engine: 'claude', ...(apiKey ? { apiKey } : {}) },
    });
    const { agent: a, credentials } = created.json();
    return { id: a.id as string, token: credentials.token as string };
  };
  const post = (payload: string | object, headers: Record<string, string> = node.auth(agent.token), url = '') =>
    node.app.inject({
      method: 'POST',
      url: `/v1/messages${url}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const usage = async (id = agent.id, query = '') =>
    (await node.app.inject({ url: `/api/agents/${id}/usage${query}`, headers: node.auth() })).json();

  beforeEach(async () => {
    standIn = await startAnthropicStandIn();
    node = await startTestNode({ ANTHROPIC_BASE_URL: standIn.url });
    agent = await createAgent('writer', API_KEY);
  });
  afterEach(async () => {
    await node.close();
    await standIn.close();
  });

  it('relays a plain request byte for byte with the agent key, returns the answer and records its usage', async () => {
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_standin_01' });
      response.end(JSON.stringify(messageJson(MODEL, 12, 34)));
    });
    // Odd spacing and key order must reach upstream unchanged.
    const sent = `{ "max_tokens": 64,"model":"${MODEL}",  "messages":[{"role":"user","content":"Hi"}], "x_extra": 1.0 }`;
    const answer = await post(sent);

    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual(messageJson(MODEL, 12, 34));
    expect(answer.headers['request-id']).toBe('req_standin_01');
    expect(answer.body).not.toContain(API_KEY);

    const seen = standIn.received[0]!;
    expect(seen.url).toBe('/v1/messages');
    expect(seen.headers['x-api-key']).toBe(API_KEY);
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.body.toString('utf8')).toBe(sent);

    expect(await usage()).toEqual({
      agentId: agent.id,
      from: null,
      to: null,
      totals: { requests: 1, inputTokens: 12, outputTokens: 34 },
      rows: [
        { day: new Date().toISOString().slice(0, 10), model: MODEL, requests: 1, inputTokens: 12, outputTokens: 34 },
      ],
    });
    // Counted in memory first; on disk once flushed.
    await node.app.usageMeter.flush();
    const stored = JSON.parse(fs.readFileSync(`${node.dataDir}/state.json`, 'utf8'));
    expect(stored.usage).toEqual([
      expect.objectContaining({ agentId: agent.id, model: MODEL, requests: 1, inputTokens: 12, outputTokens: 34 }),
    ]);
    expect(fs.readFileSync(`${node.dataDir}/state.json`, 'utf8')).not.toContain(API_KEY);
  });

  it('relays a token count with the agent key and records no usage for it', async () => {
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ input_tokens: 2095 }));
    });
    const answer = await node.app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      headers: { 'content-type': 'application/json', ...node.auth(agent.token) },
      payload: { model: MODEL, messages: [{ role: 'user', content: 'How many tokens is this?' }] },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ input_tokens: 2095 });
    const seen = standIn.received[0]!;
    expect(seen.url).toBe('/v1/messages/count_tokens');
    expect(seen.headers['x-api-key']).toBe(API_KEY);
    expect((await usage()).totals).toEqual({ requests: 0, inputTokens: 0, outputTokens: 0 });
  });

  it('streams the SSE events unchanged and in order as they come, then records the usage', async () => {
    const { head, tail } = streamedReply();
    const release = deferred();
    standIn.answerWith(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_stream_01' });
      for (const event of head) response.write(event);
      await release.promise;
      for (const event of tail) response.write(event);
      response.end();
    });

    const answer = await fetch(`${node.base}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        ...node.auth(agent.token),
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'interleaved-thinking-2025-05-14',
      },
      body: JSON.stringify({ model: MODEL, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(answer.headers.get('request-id')).toBe('req_stream_01');

    // The first events arrive while the stand-in still holds back the rest: nothing waits for the whole stream.
    const reader = answer.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('text_delta')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    expect(received).toBe(head.join(''));
    release.resolve();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      received += decoder.decode(next.value, { stream: true });
    }

    expect(received).toBe([...head, ...tail].join(''));
    expect(eventTypes(received)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array(5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const seen = standIn.received[0]!;
    expect(seen.url).toBe('/v1/messages?beta=true');
    expect(seen.headers['x-api-key']).toBe(API_KEY);
    expect(seen.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(seen.headers.authorization).toBeUndefined();

    // Output tokens are cumulative in message_delta: 15, not 1 + 15.
    expect((await usage()).totals).toEqual({ requests: 1, inputTokens: 25, outputTokens: 15 });
  });

  it('stops the upstream request when the client goes away mid-stream, and counts what was used', async () => {
    const { head } = streamedReply();
    const started = deferred();
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(head[0]!);
      started.resolve();
      // …and never more: only the relay can end this request.
    });
    // node:http with its own socket: fetch's pool opens a spare connection on abort that would outlive the test.
    const client = http.request(`${node.base}/v1/messages`, {
      method: 'POST',
      agent: false,
      headers: { ...node.auth(agent.token), 'content-type': 'application/json' },
    });
    client.end(JSON.stringify({ model: MODEL, stream: true, messages: [] }));
    const answer = await new Promise<http.IncomingMessage>((resolve) => client.on('response', resolve));
    await new Promise((resolve) => answer.once('data', resolve));
    await started.promise;
    client.destroy();

    await standIn.received[0]!.closed;
    let report = await usage();
    while (report.totals.requests === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      report = await usage();
    }
    expect(report.totals).toEqual({ requests: 1, inputTokens: 25, outputTokens: 1 });
  });

  it('ends with an Anthropic error event when the model API breaks off mid-stream', async () => {
    const { head } = streamedReply();
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(head[0]!, () => setImmediate(() => response.destroy()));
    });
    const answer = await fetch(`${node.base}/v1/messages`, {
      method: 'POST',
      headers: { ...node.auth(agent.token), 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [] }),
    });
    const text = await answer.text();
    expect(text.startsWith(head[0]!)).toBe(true);
    expect(eventTypes(text)).toEqual(['message_start', 'error']);
    expect(text).toContain('"type":"api_error"');
    expect((await usage()).totals).toEqual({ requests: 1, inputTokens: 25, outputTokens: 1 });
  });

  it('passes upstream errors through with their status, body and headers, and counts no usage', async () => {
    for (const [status, type] of [
      [429, 'rate_limit_error'],
      [529, 'overloaded_error'],
      [400, 'invalid_request_error'],
    ] as const) {
      standIn.answerWith(errorAnswer(status, type, `stand-in says ${type}`));
      const answer = await post({ model: MODEL, messages: [] });
      expect(answer.statusCode).toBe(status);
      expect(answer.json()).toEqual({ type: 'error', error: { type, message: `stand-in says ${type}` } });
      expect(answer.headers['request-id']).toBe('req_standin_error');
      expect(answer.body).not.toContain(API_KEY);
    }
    expect((await usage()).totals).toEqual({ requests: 0, inputTokens: 0, outputTokens: 0 });
  });

  it('refuses the master token (403), a suspended agent (409) and an agent without a key, before calling upstream', async () => {
    const master = await post({ model: MODEL, messages: [] }, node.auth());
    expect(master.statusCode).toBe(403);
    expect(master.json()).toMatchObject({
      type: 'error',
      error: { type: 'permission_error', code: 'agent_token_required' },
    });

    const anonymous = await post({ model: MODEL, messages: [] }, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.type).toBe('authentication_error');

    await node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/suspend`, headers: node.auth() });
    const suspended = await post({ model: MODEL, messages: [] });
    expect(suspended.statusCode).toBe(409);
    expect(suspended.json().error).toMatchObject({ code: 'agent_suspended' });
    expect(suspended.headers['x-should-retry']).toBe('false');

    const keyless = await createAgent('keyless');
    const noKey = await post({ model: MODEL, messages: [] }, node.auth(keyless.token));
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error).toMatchObject({ type: 'invalid_request_error', code: 'api_key_missing' });

    expect(standIn.received).toHaveLength(0);
  });

  it('refuses a body that is not JSON, lacks model and messages, or is too large, without calling upstream', async () => {
    const notJson = await post('{"model": ');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });

    const noMessages = await post({ model: MODEL });
    expect(noMessages.statusCode).toBe(400);
    expect(noMessages.json().error.message).toContain('messages');

    const array = await post([1, 2]);
    expect(array.statusCode).toBe(400);

    const tooLarge = await post(`{"model":"${MODEL}","messages":[],"pad":"${'x'.repeat(32 * 1024 * 1024)}"}`);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ type: 'request_too_large', code: 'body_too_large' });

    const text = await post('model=x', { ...node.auth(agent.token), 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({ type: 'invalid_request_error', code: 'validation_failed' });
    expect(standIn.received).toHaveLength(0);
  });

  it('accepts the agent token as x-api-key, as Anthropic SDKs send it', async () => {
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(messageJson(MODEL, 1, 2)));
    });
    const answer = await post({ model: MODEL, messages: [] }, { 'x-api-key': agent.token });
    expect(answer.statusCode).toBe(200);
    expect(standIn.received[0]!.headers['x-api-key']).toBe(API_KEY);
  });

  it('answers 502 in Anthropic error shape when the model API cannot be reached', async () => {
    await standIn.close();
    const answer = await post({ model: MODEL, messages: [] });
    expect(answer.statusCode).toBe(502);
    expect(answer.json()).toMatchObject({ type: 'error', error: { type: 'api_error', code: 'upstream_unreachable' } });
    expect(answer.body).not.toContain(API_KEY);
  });

  it('shows usage to the master token and the agent itself, not to another agent, and checks the dates', async () => {
    standIn.answerWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(messageJson(MODEL, 3, 4)));
    });
    await post({ model: MODEL, messages: [] });
    const own = await node.app.inject({ url: `/api/agents/${agent.id}/usage`, headers: node.auth(agent.token) });
    expect(own.json().totals.requests).toBe(1);

    const other = await createAgent('other', 'sk-ant-other');
    const foreign = await node.app.inject({ url: `/api/agents/${agent.id}/usage`, headers: node.auth(other.token) });
    expect(foreign.statusCode).toBe(404);

    expect((await usage(agent.id, '?from=2000-01-01&to=2000-01-02')).totals.requests).toBe(0);
    const backwards = await node.app.inject({
      url: `/api/agents/${agent.id}/usage?from=2020-02-02&to=2020-01-01`,
      headers: node.auth(),
    });
    expect(backwards.statusCode).toBe(400);
    const badDay = await node.app.inject({ url: `/api/agents/${agent.id}/usage?from=yesterday`, headers: node.auth() });
    expect(badDay.statusCode).toBe(400);
  });
});
