import { describe, expect, it } from 'vitest';
import { ReadReply } from './readReply.js';

describe('a reply answered from memory', () => {
  const init = { status: 200, headers: { 'content-type': 'application/json' } };

  it('reads bytes as a Response would, a byte-order mark dropped', async () => {
    const bytes = Buffer.from('\uFEFF{"jsonrpc":"2.0","id":1,"result":{"text":"naïve"}}');
    const reply = new ReadReply(bytes, init);
    const expected = await new Response(bytes, init).json();
    expect(await reply.json()).toEqual(expected);
    expect(await reply.text()).toBe(await new Response(bytes, init).text());
    expect(Buffer.from(await reply.arrayBuffer())).toEqual(bytes);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
  });

  it('fails on bytes that are not JSON as Response.json() does', async () => {
    await expect(new ReadReply(Buffer.from('{oops'), init).json()).rejects.toThrow(SyntaxError);
  });

  it('gives a parsed value back as it is, and as JSON text', async () => {
    const messages = [
      { jsonrpc: '2.0', method: 'notifications/message', params: {} },
      { jsonrpc: '2.0', id: 2 },
    ];
    const reply = new ReadReply(messages, init);
    expect(await reply.json()).toBe(messages);
    expect(JSON.parse(await reply.text())).toEqual(messages);
    expect(await reply.clone().json()).toBe(messages);
  });
});
