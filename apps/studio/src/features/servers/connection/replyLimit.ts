// Bounds what an HTTP MCP server can make the studio hold in memory: the same per-message limit as on stdio.
import type { FetchLike } from '@modelcontextprotocol/client';
import { linkedSignal } from './requestSignal.js';
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
    const link = linkedSignal(init?.signal);
    let response: Response;
    try {
      response = await inner(url, link.signal ? { ...init, signal: link.signal } : init);
    } catch (error) {
      link.release();
      throw error;
    }
    if (!response.ok || !response.body || response.status === 204 || response.status === 205) {
      link.release();
      return response;
    }
    const isEventStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    const limit = isEventStream ? lineLimit(maxBytes, link.release) : totalLimit(maxBytes, link.release);
    const body = response.body.pipeThrough(limit);
    const { status, statusText, headers } = response;
    return new Response(body, { status, statusText, headers });
  };
}

function totalLimit(maxBytes: number, onEnd: () => void): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen <= maxBytes) return controller.enqueue(chunk);
      onEnd();
      controller.error(new ReplyTooLargeError(maxBytes));
    },
    flush: onEnd,
  });
}

function lineLimit(maxBytes: number, onEnd: () => void): TransformStream<Uint8Array, Uint8Array> {
  let sinceNewline = 0;
  const fail = (controller: TransformStreamDefaultController<Uint8Array>) => {
    onEnd();
    controller.error(new ReplyTooLargeError(maxBytes));
  };
  return new TransformStream({
    transform(chunk, controller) {
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        if (sinceNewline + (at - start) > maxBytes) return fail(controller);
        sinceNewline = 0;
        start = at + 1;
      }
      sinceNewline += chunk.byteLength - start;
      if (sinceNewline > maxBytes) return fail(controller);
      controller.enqueue(chunk);
    },
    flush: onEnd,
  });
}
