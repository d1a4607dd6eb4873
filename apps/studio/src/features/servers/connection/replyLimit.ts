// Bounds what an HTTP MCP server can make the studio hold in memory: the same per-message limit as on stdio.
import type { Readable } from 'node:stream';
import { MAX_MESSAGE_BYTES } from './stdioProcess.js';

const NEWLINE = 0x0a;

/** A reply body past the limit; the request it answers fails with this, the connection stays usable. */
export class ReplyTooLargeError extends Error {
  constructor(readonly maxBytes: number = MAX_MESSAGE_BYTES) {
    super(`the server sent a message over the ${maxBytes / (1024 * 1024)} MiB limit`);
    this.name = 'ReplyTooLargeError';
  }
}

/**
 * A whole reply body, read up to `maxBytes`. Past that the read stops and the connection is dropped; the body
 * handed on then fails with ReplyTooLargeError when the SDK reads it, as the request it answers should.
 */
export async function bodyWithin(body: Readable, maxBytes: number): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.byteLength;
    if (seen > maxBytes) {
      body.destroy();
      return failing(new ReplyTooLargeError(maxBytes));
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, seen);
}

/**
 * An event stream as a web stream, read as the SDK asks for more: it may run for hours, but no line of it (one
 * `data:` line carries one message) may pass `maxBytes`. `onEnd` runs once, however the stream ends.
 */
export function eventStreamWithin(body: Readable, maxBytes: number, onEnd: () => void): ReadableStream<Uint8Array> {
  let sinceNewline = 0;
  let ended = false;
  const end = () => {
    if (ended) return false;
    ended = true;
    onEnd();
    return true;
  };
  const fitsLimit = (chunk: Buffer) => {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      if (sinceNewline + (at - start) > maxBytes) return false;
      sinceNewline = 0;
      start = at + 1;
    }
    sinceNewline += chunk.byteLength - start;
    return sinceNewline <= maxBytes;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      body.on('data', (chunk: Buffer) => {
        if (ended) return;
        if (!fitsLimit(chunk)) {
          body.destroy();
          if (end()) controller.error(new ReplyTooLargeError(maxBytes));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) body.pause();
      });
      body.once('end', () => {
        if (end()) controller.close();
      });
      body.once('error', (error) => {
        if (end()) controller.error(error);
      });
    },
    pull() {
      body.resume();
    },
    cancel() {
      end();
      body.destroy();
    },
  });
}

function failing(error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.error(error);
    },
  });
}
