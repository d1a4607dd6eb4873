// The Messages relay: forwards an agent's request to the model API with the agent's own key, hands the answer back
// (whole, or as its SSE stream chunk by chunk) and counts the tokens it used.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { NodeError } from '../../platform/http/errors.js';
import type { AgentService } from '../agents/service.js';
import { SseUsageReader } from './sseUsage.js';
import type { UsageMeter } from './usageMeter.js';

/** Anthropic's request size limit for the Messages API. */
export const MESSAGES_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** Answer headers worth handing back to the client (ids for support, rate limits, retry hints). */
const PASSED_HEADERS = /^(request-id|retry-after|x-should-retry|anthropic-ratelimit-.+)$/i;

/** The Messages API paths the node relays; only `messages` spends tokens (a count is free). */
export type RelayPath = '/v1/messages' | '/v1/messages/count_tokens';

export interface RelayRequest {
  agentId: string;
  path: RelayPath;
  /** The client's JSON body, byte for byte. */
  body: Buffer;
  /** The model the body names, for usage when the answer does not say. */
  model: string;
  /** The client's query string without "?" (the SDKs add `beta=true`), or empty. */
  query: string;
  anthropicVersion: string | undefined;
  anthropicBeta: string | undefined;
  /** Aborted when the client goes away: the upstream request stops with it. */
  signal: AbortSignal;
}

export type RelayAnswer =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'stream'; status: number; headers: Record<string, string>; stream: Readable };

export interface RelayLogger {
  warn(details: object, message: string): void;
}

export interface MessagesRelayDeps {
  agents: AgentService;
  meter: UsageMeter;
  /** ANTHROPIC_BASE_URL without a trailing slash. */
  baseUrl: string;
  log: RelayLogger;
}

/** The Anthropic error type an HTTP status stands for (https://docs.anthropic.com/en/api/errors). */
export function anthropicErrorType(status: number): string {
  const known: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return known[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

const anthropicError = (status: number, message: string) =>
  Buffer.from(JSON.stringify({ type: 'error', error: { type: anthropicErrorType(status), message } }));

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

const tokens = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export class MessagesRelay {
  constructor(private readonly deps: MessagesRelayDeps) {}

  /**
   * Checks that the agent may call the model now (active, with a key) and returns its key. Called before the body
   * is read, and again when relaying.
   */
  admit(agentId: string): string {
    const { agents } = this.deps;
    const place = agents.place(agentId, true);
    const apiKey = agents.apiKey(agentId);
    if (!apiKey) {
      throw new NodeError('api_key_missing', 400, `The agent ${place.name} has no model API key on this node`);
    }
    return apiKey;
  }

  async relay(request: RelayRequest): Promise<RelayAnswer> {
    const apiKey = this.admit(request.agentId);
    this.deps.agents.touch(request.agentId).catch(() => {});
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      'anthropic-version': request.anthropicVersion || DEFAULT_ANTHROPIC_VERSION,
    };
    if (request.anthropicBeta) headers['anthropic-beta'] = request.anthropicBeta;
    const url = `${this.deps.baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`;

    let upstream: Response;
    try {
      // A redirect would carry the key elsewhere: refuse it like an unreachable upstream.
      upstream = await fetch(url, {
        method: 'POST',
        headers,
        body: request.body,
        signal: request.signal,
        redirect: 'error',
      });
    } catch (err) {
      throw this.unreachable(err, request.signal);
    }

    const answerHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (PASSED_HEADERS.test(name)) answerHeaders[name] = value;
    });
    const contentType = upstream.headers.get('content-type') ?? '';

    if (upstream.ok && upstream.body && contentType.startsWith('text/event-stream')) {
      return {
        kind: 'stream',
        status: upstream.status,
        headers: {
          ...answerHeaders,
          'content-type': contentType,
          'cache-control': 'no-cache',
          // Proxies in front of the node (nginx) must pass events on as they come.
          'x-accel-buffering': 'no',
        },
        stream: this.relayStream(request, upstream.body as NodeReadableStream<Uint8Array>),
      };
    }

    let body: Buffer;
    try {
      body = Buffer.from(await upstream.arrayBuffer());
    } catch (err) {
      throw this.unreachable(err, request.signal);
    }
    const json = parseJson(body);
    if (upstream.ok && json && request.path === '/v1/messages') {
      const usage = asRecord(json.usage);
      this.deps.meter.record(request.agentId, {
        model: typeof json.model === 'string' ? json.model : request.model,
        inputTokens: tokens(usage?.input_tokens),
        outputTokens: tokens(usage?.output_tokens),
      });
    }
    // An answer SDKs could not parse (a proxy's HTML page) becomes an Anthropic error with the same status.
    const isAnthropicShaped = json && (upstream.ok || asRecord(json.error));
    return {
      kind: 'json',
      status: upstream.status,
      headers: { ...answerHeaders, 'content-type': 'application/json' },
      body: isAnthropicShaped ? body : anthropicError(upstream.status, `The model API answered ${upstream.status}`),
    };
  }

  /** The upstream SSE bytes unchanged, chunk by chunk; usage is counted when the stream ends, however it ends. */
  private relayStream(request: RelayRequest, body: NodeReadableStream<Uint8Array>): Readable {
    const { meter, log } = this.deps;
    const reader = new SseUsageReader();
    const source = Readable.fromWeb(body);
    async function* events(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of source) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          reader.observe(bytes);
          yield bytes;
        }
      } catch (err) {
        if (request.signal.aborted) return;
        // The upstream broke off mid-stream: end with an error event, as Anthropic does, so SDKs raise it.
        log.warn(
          { cause: (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name },
          'model stream broke',
        );
        const error = { type: 'error', error: { type: 'api_error', message: 'The model API stream broke off' } };
        yield Buffer.from(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
      } finally {
        source.destroy();
        // Tokens are billed even when the client left early: count what the stream reported.
        const usage = reader.result;
        if (usage.model !== undefined) {
          meter.record(request.agentId, {
            model: usage.model || request.model,
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
          });
        }
      }
    }
    return Readable.from(events(), { objectMode: false });
  }

  private unreachable(err: unknown, signal: AbortSignal): NodeError {
    if (signal.aborted) return new NodeError('client_closed_request', 499, 'The client closed the request');
    // The cause's code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT …) is enough to diagnose; the request is not logged.
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    this.deps.log.warn({ upstream: this.deps.baseUrl, cause }, 'model API unreachable');
    return new NodeError('upstream_unreachable', 502, 'The model API could not be reached');
  }
}
