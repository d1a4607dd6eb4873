// The fetch the SDK's HTTP transports use: undici's `request` (no WHATWG fetch machinery on the call path), with
// redirects followed as fetch would, every reply held to the per-message limit as it arrives, and the event stream
// answering a request without progress read here and handed on as JSON (collectedReply.ts).
import type { Readable } from 'node:stream';
import type { FetchLike } from '@modelcontextprotocol/client';
import { type Dispatcher, getGlobalDispatcher, interceptors, request } from 'undici';
import { collectableRequestId, collectReply } from './collectedReply.js';
import { ReadReply } from './readReply.js';
import { bodyWithin, eventStreamWithin } from './replyLimit.js';
import { linkedSignal } from './requestSignal.js';
import { MAX_MESSAGE_BYTES } from './stdioProcess.js';

/** fetch's own limit on redirects. */
const MAX_REDIRECTIONS = 20;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const following = new WeakMap<Dispatcher, Dispatcher>();

/**
 * A FetchLike over `dispatcher` (an Agent with a client certificate or pinned addresses), or over the global one.
 * A JSON reply is read whole, up to `maxBytes`; an event stream may run for hours, but no line of it past `maxBytes`.
 * Past the limit, the body fails with ReplyTooLargeError where the SDK reads it.
 */
export function requestFetch(dispatcher?: Dispatcher, maxBytes: number = MAX_MESSAGE_BYTES): FetchLike {
  return async (url, init) => {
    const link = linkedSignal(init?.signal);
    try {
      const reply = await request(String(url), {
        method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: plainHeaders(init?.headers),
        body: init?.body as string | Uint8Array | null | undefined,
        signal: link.signal,
        dispatcher: followingRedirects(dispatcher ?? getGlobalDispatcher()),
      });
      const status = reply.statusCode;
      const headers = webHeaders(reply.headers);
      if (NULL_BODY_STATUSES.has(status) || init?.method === 'HEAD') {
        reply.body.resume();
        link.release();
        return new Response(null, { status, headers });
      }
      if (headers.get('content-type')?.includes('text/event-stream')) {
        const requestId = collectableRequestId(init?.method, init?.body);
        if (requestId === undefined) return eventStream(reply.body, status, headers, maxBytes, link.release);
        const collected = await collectReply(reply.body, requestId, maxBytes);
        if ('stream' in collected) return eventStream(collected.stream, status, headers, maxBytes, link.release);
        link.release();
        return jsonReply(collected.messages, status, headers);
      }
      const body = await bodyWithin(reply.body, maxBytes);
      link.release();
      return body instanceof Buffer
        ? new ReadReply(body, { status, headers })
        : new Response(body, { status, headers });
    } catch (error) {
      link.release();
      throw error;
    }
  };
}

function eventStream(body: Readable, status: number, headers: Headers, maxBytes: number, onEnd: () => void) {
  return new Response(eventStreamWithin(body, maxBytes, onEnd), { status, headers });
}

/** A collected event stream as the JSON reply of the same messages (one message is sent as itself). */
function jsonReply(messages: unknown[], status: number, headers: Headers): Response {
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  return new ReadReply(messages.length === 1 ? messages[0] : messages, { status, headers });
}

function followingRedirects(dispatcher: Dispatcher): Dispatcher {
  let composed = following.get(dispatcher);
  if (!composed) {
    composed = dispatcher.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
    following.set(dispatcher, composed);
  }
  return composed;
}

function plainHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!init) return headers;
  // The SDK sends a Headers already: read it as it is rather than through a copy.
  (init instanceof Headers ? init : new Headers(init)).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function webHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
