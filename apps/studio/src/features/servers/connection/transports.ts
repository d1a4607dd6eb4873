// Builds SDK v2 client transports from a server target: a stdio child in its own process group, or HTTP.
import {
  type FetchLike,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import { StdioProcessTransport } from './stdioProcess.js';

export type StdioTarget = {
  transport: 'stdio';
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
};
export type HttpTarget = { transport: 'streamable-http' | 'sse'; url: string; headers?: Record<string, string> };
export type ServerTarget = StdioTarget | HttpTarget;

export interface TransportOptions {
  /** What every child process inherits besides its own env: PATH and HOME, see `pickBaseEnv`. */
  baseEnv?: Readonly<Record<string, string>>;
  /** The seam for mTLS (a fetch bound to an undici dispatcher) and, later, OAuth-aware fetches. */
  fetch?: FetchLike;
  stderrBufferBytes?: number;
  /** How long a child gets to exit after stdin closes, and again after SIGTERM, before SIGKILL. */
  closeGraceMs?: number;
}

/** A transport for `target`; connect it with the SDK `Client`, which starts it. */
export function createTransport(target: ServerTarget, options: TransportOptions = {}): Transport {
  if (target.transport === 'stdio') {
    const env = { ...options.baseEnv, ...target.env };
    const params = { command: target.command, args: target.args ?? [], env, cwd: target.cwd };
    return new StdioProcessTransport(params, options.closeGraceMs, options.stderrBufferBytes);
  }
  const url = new URL(target.url);
  const requestInit: RequestInit = { headers: { ...target.headers } };
  if (target.transport === 'sse') return new SSEClientTransport(url, { requestInit, fetch: options.fetch });
  return new StreamableHTTPClientTransport(url, { requestInit, fetch: options.fetch });
}
