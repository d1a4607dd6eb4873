// Builds SDK v2 client transports from a server target: a stdio child in its own process group, or HTTP.
import {
  type FetchLike,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import type { Agent } from 'undici';
import { withoutNetworkEnv } from './childEnv.js';
import { agentFor, type ClientTls } from './httpAgent.js';
import { requestFetch } from './httpFetch.js';
import { lowerLimits, type ProcessLimits } from './processLimits.js';
import type { Root } from './roots.js';
import { StdioProcessTransport } from './stdioProcess.js';

export type StdioTarget = {
  transport: 'stdio';
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Directories offered as MCP roots (a manifest's readable and writable paths). */
  roots?: Root[];
  /** False for a manifest without `network_access`: proxy and resolver variables are then withheld. */
  hasNetworkAccess?: boolean;
  /** The manifest's limits; the configuration's (TransportOptions.processLimits) apply where lower. */
  limits?: ProcessLimits;
};
export type HttpTarget = {
  transport: 'streamable-http' | 'sse';
  url: string;
  headers?: Record<string, string>;
  /** A client certificate (mTLS authentication). */
  tls?: ClientTls;
  /** The addresses the URL policy approved: the connection goes to these, never to a fresh resolution. */
  addresses?: string[];
};
export type ServerTarget = StdioTarget | HttpTarget;

export interface TransportOptions {
  /** What every child process inherits besides its own env: PATH and HOME, see `pickBaseEnv`. */
  baseEnv?: Readonly<Record<string, string>>;
  /** Wraps whichever fetch a transport ends up with, the Agent's included (the connection test records errors). */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** Limits on every stdio child, from the configuration; a manifest may only lower them. */
  processLimits?: ProcessLimits;
  stderrBufferBytes?: number;
  /** How long a child gets to exit after stdin closes, and again after SIGTERM, before SIGKILL. */
  closeGraceMs?: number;
}

/** Agents by the transport they serve, so closing the session can close its connections too. */
const agents = new WeakMap<Transport, Agent>();

/** A transport for `target`; connect it with the SDK `Client`, which starts it. */
export function createTransport(target: ServerTarget, options: TransportOptions = {}): Transport {
  if (target.transport === 'stdio') {
    const merged = { ...options.baseEnv, ...target.env };
    const env = target.hasNetworkAccess === false ? withoutNetworkEnv(merged) : merged;
    const limits = lowerLimits(options.processLimits, target.limits);
    const params = { command: target.command, args: target.args ?? [], env, cwd: target.cwd, limits };
    return new StdioProcessTransport(params, options.closeGraceMs, options.stderrBufferBytes);
  }
  const url = new URL(target.url);
  const requestInit: RequestInit = { headers: { ...target.headers } };
  const agent = agentFor(target);
  const base = requestFetch(agent);
  const fetch = options.wrapFetch ? options.wrapFetch(base) : base;
  const transport =
    target.transport === 'sse'
      ? new SSEClientTransport(url, { requestInit, fetch })
      : new StreamableHTTPClientTransport(url, { requestInit, fetch });
  if (agent) agents.set(transport, agent);
  return transport;
}

/** Closes the Agent of a transport that had one; call after the transport is closed. */
export async function releaseTransport(transport: Transport): Promise<void> {
  const agent = agents.get(transport);
  agents.delete(transport);
  // destroy, not close: a long-lived event stream would hold a graceful close open.
  await agent?.destroy().catch(() => {});
}
