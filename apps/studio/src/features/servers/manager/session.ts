// Opens one MCP client session for a target: auto era negotiation, with the legacy retry for strict stdio servers.
import {
  Client,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import { CLIENT_INFO, closeGracefully, EXIT_SETTLE_MS } from '../connection/clientSession.js';
import { StdioProcessTransport } from '../connection/stdioProcess.js';
import { createTransport, type ServerTarget, type TransportOptions } from '../connection/transports.js';
import { ConnectionLostError, RequestTimeoutError } from './errors.js';

export type Era = 'modern' | 'legacy';

export interface Session {
  client: Client;
  transport: Transport;
  era: Era;
  /** How the connection ended, once it has. */
  ended?: string;
  /** True once we asked for the close: an exit after that is not a crash. */
  closing: boolean;
}

/** Runs `fn` against the session under the per-request timeout; `signal` aborts when it expires. */
export async function runWithTimeout<T>(
  server: { id: string; timeoutMs: number },
  session: Session,
  fn: (client: Client, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { id, timeoutMs } = server;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RequestTimeoutError(id, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(session.client, controller.signal), timedOut]);
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    // Pending requests fail promptly when the process dies; say so rather than "Connection closed".
    if (session.ended && isConnectionClosed(error)) throw new ConnectionLostError(id, session.ended);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export interface SessionOptions extends TransportOptions {
  timeoutMs: number;
  knownEra?: Era;
  /** Receives the stderr of a child whose handshake failed, which is otherwise lost with its transport. */
  keepStderr?: (text: string) => void;
}

/**
 * Connects to `target`. `knownEra` (from an earlier session) skips the probe. A stdio server that exits on the
 * pre-initialize `server/discover` probe is 2025-era, so it is retried once with the legacy handshake.
 */
export async function openSession(
  target: ServerTarget,
  options: SessionOptions,
  onLost: (session: Session, detail: string) => void,
): Promise<Session> {
  const deadline = Date.now() + options.timeoutMs;
  try {
    return await connectOnce(target, options, deadline, options.knownEra === 'legacy', onLost);
  } catch (error) {
    const exitedOnProbe =
      options.knownEra === undefined &&
      error instanceof ProbeFailure &&
      SdkError.isInstance(error.cause) &&
      error.cause.code === SdkErrorCode.EraNegotiationFailed;
    if (!exitedOnProbe) throw error instanceof ProbeFailure ? error.cause : error;
    return connectOnce(target, options, deadline, true, onLost);
  }
}

/** The connect failure of a stdio child that had exited by then, which the legacy retry may cure. */
class ProbeFailure extends Error {}

async function connectOnce(
  target: ServerTarget,
  options: SessionOptions,
  deadline: number,
  legacy: boolean,
  onLost: (session: Session, detail: string) => void,
): Promise<Session> {
  const transport = createTransport(target, options);
  const stdio = transport instanceof StdioProcessTransport ? transport : undefined;
  const budget = Math.max(1, deadline - Date.now());
  // On stdio a silent probe means "legacy server", so it gets a share of the budget, not all of it.
  const probe = stdio ? { timeoutMs: Math.max(1, Math.floor(budget / 3)) } : {};
  const client = new Client(CLIENT_INFO, { versionNegotiation: { mode: legacy ? 'legacy' : 'auto', probe } });
  try {
    await client.connect(transport, { timeout: budget, ...(legacy ? { prior: { kind: 'legacy' as const } } : {}) });
  } catch (error) {
    if (stdio) await stdio.waitForExit(EXIT_SETTLE_MS);
    if (stdio) options.keepStderr?.(stdio.stderrTail.text());
    await closeGracefully(client, transport);
    if (stdio?.exit !== undefined && !legacy) throw new ProbeFailure('exited during negotiation', { cause: error });
    throw error;
  }
  const era = client.getProtocolEra() === 'modern' ? 'modern' : 'legacy';
  const session: Session = { client, transport, era, closing: false };
  // The SDK calls this before it fails the pending requests, so they can report how the connection ended.
  client.onclose = () => {
    session.ended = describeEnd(stdio);
    if (!session.closing) onLost(session, session.ended);
  };
  return session;
}

function describeEnd(stdio: StdioProcessTransport | undefined): string {
  if (!stdio) return 'the connection closed';
  const exit = stdio.exit;
  const how = exit?.signal ? `signal ${exit.signal}` : `code ${exit?.code ?? 'unknown'}`;
  return `the server process exited (${how})`;
}

/** Closes the session on purpose: ends an HTTP session politely, and kills a stdio child's whole process group. */
export async function closeSession(session: Session): Promise<void> {
  session.closing = true;
  await closeGracefully(session.client, session.transport);
}

/** The SDK's "connection closed" failure of a request that was pending when the connection ended. */
export function isConnectionClosed(error: unknown): boolean {
  return SdkError.isInstance(error) && error.code === SdkErrorCode.ConnectionClosed;
}

/** A Streamable HTTP session the server no longer knows (404 on a request carrying its session id). */
export function isExpiredHttpSession(session: Session, error: unknown): boolean {
  return (
    session.transport instanceof StreamableHTTPClientTransport && error instanceof SdkHttpError && error.status === 404
  );
}

/** The stderr a stdio session's process wrote, or '' for HTTP. */
export function sessionStderr(session: Session): string {
  return session.transport instanceof StdioProcessTransport ? session.transport.stderrTail.text() : '';
}

export function sessionPid(session: Session): number | null {
  return session.transport instanceof StdioProcessTransport ? session.transport.pid : null;
}
