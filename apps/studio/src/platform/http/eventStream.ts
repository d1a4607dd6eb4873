// Server-sent events on a Fastify reply, and cancellation of work whose HTTP caller went away.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

const HEARTBEAT_MS = 15_000;

/** True when the caller asked for `text/event-stream`. */
export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

/**
 * A signal that aborts when the connection closes before the reply was fully written: the caller went away.
 * `dispose` stops watching once the work is done.
 */
export function abortWhenCallerLeaves(reply: FastifyReply): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableEnded) controller.abort();
  };
  reply.raw.on('close', onClose);
  return { signal: controller.signal, dispose: () => reply.raw.off('close', onClose) };
}

/**
 * An event stream that takes the reply over from Fastify. The headers Fastify's hooks already set (security
 * headers, CORS, rate limits) are kept. A comment line every `heartbeatMs` keeps proxies from closing a quiet stream.
 */
export class EventStream {
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly reply: FastifyReply,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    reply.hijack();
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.flushHeaders();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
    reply.raw.once('close', () => clearInterval(this.heartbeat));
  }

  /** JSON.stringify never emits a line break, so every event is a single `data:` line. */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.reply.raw.writableEnded) this.reply.raw.end();
  }

  private write(chunk: string): void {
    if (!this.reply.raw.writableEnded && !this.reply.raw.destroyed) this.reply.raw.write(chunk);
  }
}

/** The API's error body (see the error handler) for an error that arrives once a stream has started. */
export function streamedErrorBody(error: unknown, request: FastifyRequest) {
  if (error instanceof AppError) {
    const { code, message, details } = error;
    return { error: details === undefined ? { code, message } : { code, message, details }, requestId: request.id };
  }
  request.log.error({ err: error }, 'unhandled error in an event stream');
  return { error: { code: 'internal_error', message: 'Internal error' }, requestId: request.id };
}
