// HTTP calls from the studio to its nodes, with the master token, through connections the URL rules police.
import { Agent, request } from 'undici';
import { AppError } from '../../platform/http/errors.js';
import type { NodeUrls } from './nodeUrls.js';

/** Larger answers are refused rather than held in memory (a file read is capped far lower on the node). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface NodeTarget {
  url: string;
  masterToken: string;
}

export interface NodeAnswer {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export interface NodeCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Starts with `/`, already validated. */
  path: string;
  /** The raw query string, without `?`. */
  query?: string;
  body?: unknown;
  timeoutMs?: number;
}

export const nodeUnreachable = (status: 400 | 502, detail: string) =>
  new AppError('agent_server_unreachable', status, `The agent server could not be reached: ${detail}`);

export class NodeClient {
  private readonly agent: Agent;

  constructor(
    readonly urls: NodeUrls,
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({ connect: { lookup: urls.connectLookup }, keepAliveTimeout: 10_000 });
  }

  /** One call; throws only when no HTTP answer came (502 `agent_server_unreachable`). */
  async call(target: NodeTarget, call: NodeCall): Promise<NodeAnswer> {
    const url = `${target.url}${call.path}${call.query ? `?${call.query}` : ''}`;
    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    try {
      const response = await request(url, {
        method: call.method,
        dispatcher: this.agent,
        headers: {
          authorization: `Bearer ${target.masterToken}`,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? null : JSON.stringify(call.body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_ANSWER_BYTES) {
          response.body.destroy();
          throw new AppError('agent_server_answer_too_large', 502, 'The agent server’s answer is too large to relay');
        }
        chunks.push(chunk as Buffer);
      }
      const contentType = response.headers['content-type'];
      return {
        status: response.statusCode,
        contentType: Array.isArray(contentType) ? contentType[0] : contentType,
        body: Buffer.concat(chunks),
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw nodeUnreachable(502, describeNetworkError(err));
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** A body as JSON, or undefined when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** What went wrong on the wire, without the URL's secrets (there are none in it) or a stack. */
export function describeNetworkError(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const error = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = error.code ?? error.cause?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'it did not answer in time';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND') return 'the host name could not be resolved';
  if (code) return `${code}${error.message ? ` (${error.message.slice(0, 200)})` : ''}`;
  return (error.message ?? 'unknown error').slice(0, 200);
}
