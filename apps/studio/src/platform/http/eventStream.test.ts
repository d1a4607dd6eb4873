import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { abortWhenCallerLeaves, EventStream } from './eventStream.js';

describe('EventStream', () => {
  let app: FastifyInstance | undefined;
  // undici opens a spare connection when a request is aborted; the server would wait for it to time out.
  const agent = new Agent();
  afterAll(async () => {
    await agent.destroy();
    await app?.close();
  });

  it('keeps the headers hooks set, sends heartbeats, and tells the work when the caller leaves', async () => {
    let callerLeft!: () => void;
    const left = new Promise<void>((resolve) => {
      callerLeft = resolve;
    });
    app = Fastify();
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('x-from-hook', 'kept');
    });
    app.get('/stream', async (_request, reply) => {
      const caller = abortWhenCallerLeaves(reply);
      caller.signal.addEventListener('abort', () => callerLeft());
      const stream = new EventStream(reply, 10);
      stream.send('hello', { n: 1 });
      return reply;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`, {
      signal: controller.signal,
      dispatcher: agent,
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('x-from-hook')).toBe('kept');

    const seen: string[] = [];
    const parser = createParser({
      onEvent: (event) => seen.push(`${event.event}:${event.data}`),
      onComment: (comment) => seen.push(`comment:${comment}`),
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    while (!seen.includes('comment:keep-alive')) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
    expect(seen[0]).toBe('hello:{"n":1}');
    expect(seen).toContain('comment:keep-alive');
    controller.abort();
    await left;
  });
});
