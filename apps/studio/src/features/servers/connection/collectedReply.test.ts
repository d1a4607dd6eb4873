import { PassThrough, type Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { type CollectedReply, collectableRequestId, collectReply } from './collectedReply.js';

const answer = { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'Echo: naïve ✓' }] } };
const log = { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'working' } };
const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** A body that sends `chunks` and then ends, or stays open when `end` is false. */
function body(chunks: (string | Buffer)[], end = true): PassThrough {
  const stream = new PassThrough();
  for (const chunk of chunks) stream.write(chunk);
  if (end) stream.end();
  return stream;
}

async function handedOn(reply: CollectedReply): Promise<string> {
  expect(reply).toHaveProperty('stream');
  return text((reply as { stream: Readable }).stream);
}

describe('collecting the event stream that answers a request', () => {
  it('hands on the answer of a plain stream as its message', async () => {
    expect(await collectReply(body([event(answer)]), 7, 1024)).toEqual({ messages: [answer] });
  });

  it('keeps notifications before the answer, in order, and skips comments and empty events', async () => {
    const stream = `: keep-alive\n\n${event(log)}data\n\n${event(answer)}`;
    expect(await collectReply(body([stream]), 7, 1024)).toEqual({ messages: [log, answer] });
  });

  it('reads an answer split anywhere, in the middle of a character included', async () => {
    const bytes = Buffer.from(`data:${JSON.stringify(answer)}\n\n`);
    const split = bytes.indexOf(Buffer.from('✓')) + 1;
    const chunks = [bytes.subarray(0, 3), bytes.subarray(3, split), bytes.subarray(split)];
    expect(await collectReply(body(chunks), 7, 1024)).toEqual({ messages: [answer] });
  });

  it('hands a request from the server on at once, with everything read before it, while the stream is open', async () => {
    const request = { jsonrpc: '2.0', id: 'server-1', method: 'elicitation/create', params: {} };
    const open = body([event(log), event(request)], false);
    const reply = await collectReply(open, 7, 1024);
    open.end(event(answer));
    expect(await handedOn(reply)).toBe(event(log) + event(request) + event(answer));
  });

  const handedOnWhole: Record<string, string> = {
    'an event id to resume from': `id: 1\n${event(answer)}`,
    'a retry hint': `retry: 1000\n${event(answer)}`,
    'an event of another kind': `event: other\ndata: {}\n\n${event(answer)}`,
    'CR line endings': event(answer).replaceAll('\n', '\r\n'),
    'data that is not JSON': `data: {oops\n\n${event(answer)}`,
    'JSON that is not JSON-RPC': `data: {"id":7}\n\n${event(answer)}`,
    'the answer to another request': event({ ...answer, id: 8 }),
    'a message after the answer': event(answer) + event(log),
    'no answer before the end': event(log),
    'an unfinished last event': `data: ${JSON.stringify(answer)}\n`,
  };
  for (const [kind, stream] of Object.entries(handedOnWhole)) {
    it(`hands a stream with ${kind} on as it came`, async () => {
      expect(await handedOn(await collectReply(body([stream]), 7, 1024))).toBe(stream);
    });
  }

  it('hands a stream on once more than the limit has been read', async () => {
    const stream = event(log) + event(answer);
    expect(await handedOn(await collectReply(body([stream]), 7, event(log).length))).toBe(stream);
  });

  it('ends the body when the stream handed on is dropped before its end', async () => {
    const request = { jsonrpc: '2.0', id: 'server-1', method: 'elicitation/create', params: {} };
    const open = body([event(request)], false);
    const reply = await collectReply(open, 7, 1024);
    const stream = (reply as { stream: Readable }).stream;
    stream.once('data', () => stream.destroy());
    await new Promise((resolve) => stream.once('close', resolve));
    expect(open.destroyed).toBe(true);
  });

  it('fails when the body fails', async () => {
    const failing = body([event(log)], false);
    const reply = collectReply(failing, 7, 1024);
    failing.destroy(new Error('socket hang up'));
    await expect(reply).rejects.toThrow('socket hang up');
  });
});

describe('which requests may have their answer collected', () => {
  const call = { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: {} } };

  it('a request without progress, by its id', () => {
    expect(collectableRequestId('POST', JSON.stringify(call))).toBe(3);
    expect(collectableRequestId('POST', JSON.stringify({ ...call, id: 'a' }))).toBe('a');
  });

  it('not a request that asked for progress, a notification, a batch, or anything but a POST', () => {
    const progress = { ...call, params: { ...call.params, _meta: { progressToken: 1 } } };
    expect(collectableRequestId('POST', JSON.stringify(progress))).toBeUndefined();
    expect(collectableRequestId('POST', JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }))).toBe(
      undefined,
    );
    expect(collectableRequestId('POST', JSON.stringify([call]))).toBeUndefined();
    expect(collectableRequestId('GET', undefined)).toBeUndefined();
    expect(collectableRequestId('POST', '{not json')).toBeUndefined();
  });
});
