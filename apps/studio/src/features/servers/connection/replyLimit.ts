// Bounds what an HTTP MCP server can make the studio hold in memory: the same per-message limit as on stdio.
import type { FetchLike } from '@modelcontextprotocol/client';
import { MAX_MESSAGE_BYTES } from './stdioProcess.js';

const NEWLINE = 0x0a;

/** A reply body past the limit; the request it answers fails with this, the connection stays usable. */
export class ReplyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the server sent a message over the ${maxBytes / (1024 * 1024)} MiB limit`);
    this.name = 'ReplyTooLargeError';
  }
}

/**
 * Wraps `inner` so a JSON reply body may hold at most `maxBytes`, and each line of an event stream too (a stream
 * itself may run for hours; one `data:` line carries one message). The SDK reads bodies whole, so without this a
 * server could make the studio buffer any amount.
 */
export function limitReplies(inner: FetchLike, maxBytes: number = MAX_MESSAGE_BYTES): FetchLike {
  return async (url, init) => {
    const response = await inner(url, init);
    if (!response.ok || !response.body || response.status === 204 || response.status === 205) return response;
    const isEventStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    const body = response.body.pipeThrough(isEventStream ? lineLimit(maxBytes) : totalLimit(maxBytes));
    const { status, statusText, headers } = response;
    return new Response(body, { status, statusText, headers });
  };
}

function totalLimit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new ReplyTooLargeError(maxBytes));
      else controller.enqueue(chunk);
    },
  });
}

function lineLimit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let sinceNewline = 0;
  return new TransformStream({
    transform(chunk, controller) {
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        if (sinceNewline + (at - start) > maxBytes) return controller.error(new ReplyTooLargeError(maxBytes));
        sinceNewline = 0;
        start = at + 1;
      }
      sinceNewline += chunk.byteLength - start;
      if (sinceNewline > maxBytes) return controller.error(new ReplyTooLargeError(maxBytes));
      controller.enqueue(chunk);
    },
  });
}
