import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ToolCallProgress } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/apiError';
import { readToolCallStream } from './callStream';

/** A stream delivering the given chunks as bytes, one read each, the way a network splits them. */
function chunked(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

describe('reading a tool call stream', () => {
  it('reports each progress event in order, then returns the result', async () => {
    const body = [
      ': keep-alive\n\n',
      event('progress', { progress: 1, total: 3 }),
      event('progress', { progress: 2, total: 3, message: 'half way' }),
      event('progress', { progress: 3, total: 3 }),
      event('result', { content: [{ type: 'text', text: 'done' }] }),
    ].join('');
    // Cut at every few bytes, so events, lines and JSON arrive in pieces.
    const pieces = body.match(/[\s\S]{1,7}/g) ?? [];
    const seen: ToolCallProgress[] = [];
    const result = await readToolCallStream(chunked(pieces), (p) => seen.push(p));
    expect(seen).toEqual([
      { progress: 1, total: 3 },
      { progress: 2, total: 3, message: 'half way' },
      { progress: 3, total: 3 },
    ]);
    expect(result).toEqual({ content: [{ type: 'text', text: 'done' }] });
  });

  it('decodes text whose UTF-8 bytes are split between chunks', async () => {
    const bytes = new TextEncoder().encode(event('result', { content: [{ type: 'text', text: 'héllo 🌍' }] }));
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const result = await readToolCallStream(chunked([bytes.slice(0, cut), bytes.slice(cut)]), () => undefined);
    expect(result.content).toEqual([{ type: 'text', text: 'héllo 🌍' }]);
  });

  it('throws the error event as an ApiError with its code and details', async () => {
    const stream = chunked([
      event('progress', { progress: 1 }),
      event('error', { error: { code: 'timeout', message: 'The server did not answer', details: { after: 30 } } }),
    ]);
    const error = await readToolCallStream(stream, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'timeout', message: 'The server did not answer', details: { after: 30 } });
  });

  it('treats a stream that ends without a result, or with a malformed one, as an error', async () => {
    const ended = await readToolCallStream(chunked([event('progress', { progress: 1 })]), () => undefined).catch(
      (e: unknown) => e,
    );
    expect(ended).toMatchObject({ code: 'stream_ended' });
    const malformed = await readToolCallStream(
      chunked(['event: result\ndata: {"content":\n\n']),
      () => undefined,
    ).catch((e: unknown) => e);
    expect(malformed).toMatchObject({ code: 'unexpected_response' });
  });
});

describe('a tool call stream over HTTP', () => {
  let server: http.Server;
  let base: string;
  /** Resolves when the server sees the client close the slow stream. */
  let closedByClient: Promise<void>;

  beforeAll(async () => {
    let onClosed: () => void = () => undefined;
    closedByClient = new Promise((resolve) => {
      onClosed = resolve;
    });
    server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (request.url === '/fast') {
        for (let i = 1; i <= 5; i++) response.write(event('progress', { progress: i, total: 5 }));
        response.end(event('result', { content: [{ type: 'text', text: 'finished' }], isError: false }));
        return;
      }
      // /slow: one progress event, then nothing until the client gives up.
      response.write(event('progress', { progress: 1, total: 10 }));
      response.on('close', () => {
        if (!response.writableEnded) onClosed();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a real response body to its result', async () => {
    const response = await fetch(`${base}/fast`);
    const seen: number[] = [];
    const result = await readToolCallStream(response.body as ReadableStream<Uint8Array>, (p) => seen.push(p.progress));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(result).toEqual({ content: [{ type: 'text', text: 'finished' }], isError: false });
  });

  it('stops reading when the call is aborted, and the server sees the request closed', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/slow`, { signal: controller.signal });
    const reading = readToolCallStream(response.body as ReadableStream<Uint8Array>, () => controller.abort());
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    await closedByClient;
  });
});
