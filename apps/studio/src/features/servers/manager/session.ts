// Opens one MCP client session for a target: auto era negotiation, with the legacy retry for strict stdio servers.
import {
  Client,
  type ClientOptions,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import { CLIENT_INFO, closeGracefully, EXIT_SETTLE_MS } from '../connection/clientSession.js';
import { offerRoots } from '../connection/roots.js';
import { StdioProcessTransport } from '../connection/stdioProcess.js';
import { recordTranscript, type TranscriptRing } from '../connection/transcript.js';
import { createTransport, type ServerTarget, type TransportOptions } from '../connection/transports.js';
import { DirectToolCalls } from './directToolCalls.js';
import { ConnectionLostError, RequestCancelledError, RequestTimeoutError } from './errors.js';
import type { ListName } from './types.js';

export type Era = 'modern' | 'legacy';

export interface Session {
  client: Client;
  transport: Transport;
  era: Era;
  /** Tool calls straight through the transport, on a 2025-era session. */
  direct?: DirectToolCalls;
  /** How the connection ended, once it has. */
  ended?: string;
  /** True once we asked for the close: an exit after that is not a crash. */
  closing: boolean;
}

/** What a call gets besides the client and its signal. */
export interface CallScope {
  /** Restarts the per-request timeout: progress from the server shows that it is still working. */
  keepAlive: () => void;
  /** For the SDK's own request timer, whose 60 s default must not cut in before ours. */
  timeoutMs: number;
  /** For a plain `tools/call` (no progress, no output schema to check), where the session allows it. */
  direct?: DirectToolCalls;
}

/**
 * Runs `fn` against the session under the per-request timeout; `signal` aborts when it expires or when
 * `callerSignal` does (the caller went away), so SDK calls given it tell the server to cancel.
 */
export async function runWithTimeout<T>(
  server: { id: string; timeoutMs: number },
  session: Session,
  fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
  callerSignal?: AbortSignal,
): Promise<T> {
  const { id, timeoutMs } = server;
  if (callerSignal?.aborted) throw new RequestCancelledError(id);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let isSettled = false;
  let stop: (error: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = (error) => {
      controller.abort(error);
      reject(error);
    };
  });
  const keepAlive = () => {
    if (isSettled) return;
    clearTimeout(timer);
    timer = setTimeout(() => stop(new RequestTimeoutError(id, timeoutMs)), timeoutMs);
  };
  const cancel = () => stop(new RequestCancelledError(id));
  keepAlive();
  callerSignal?.addEventListener('abort', cancel, { once: true });
  try {
    const scope = { keepAlive, timeoutMs, direct: session.direct };
    return await Promise.race([fn(session.client, controller.signal, scope), stopped]);
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    // The SDK's own timer, given the same time, can fire first.
    if (isRequestTimeout(error)) throw new RequestTimeoutError(id, timeoutMs);
    // Pending requests fail promptly when the process dies; say so rather than "Connection closed".
    if (session.ended && isConnectionClosed(error)) throw new ConnectionLostError(id, session.ended);
    throw error;
  } finally {
    isSettled = true;
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', cancel);
  }
}

export interface SessionOptions extends TransportOptions {
  timeoutMs: number;
  knownEra?: Era;
  /** Receives the stderr of a child whose handshake failed, which is otherwise lost with its transport. */
  keepStderr?: (text: string) => void;
  /** Receives every JSON-RPC message of the session, sent and received. */
  transcript?: TranscriptRing;
  /** Ends the connect early, as the deadline does; the session it opens is not affected. */
  signal?: AbortSignal;
  /** Sees each attempt's transport before it starts (the legacy retry makes a second one): for Test connection. */
  onTransport?: (transport: Transport) => void;
  /** Told when the server says a list changed; the receiver debounces. */
  onListChanged?: (list: ListName) => void;
}

/**
 * The SDK's list_changed handling (a notification handler on 2025-era sessions, an automatic subscription on
 * 2026-era ones), for the lists the server advertises as changing. It only tells; the receiver lists again.
 */
function listChangedOptions(onListChanged: SessionOptions['onListChanged']): Pick<ClientOptions, 'listChanged'> {
  if (!onListChanged) return {};
  const tell = (list: ListName) => ({ autoRefresh: false, debounceMs: 0, onChanged: () => onListChanged(list) });
  return { listChanged: { tools: tell('tools'), resources: tell('resources'), prompts: tell('prompts') } };
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
    const isOutOfTime = Date.now() >= deadline || options.signal?.aborted === true;
    if (!exitedOnProbe || isOutOfTime) throw error instanceof ProbeFailure ? error.unretried : error;
    return connectOnce(target, options, deadline, true, onLost);
  }
}

/** The connect failure of a stdio child that had exited by then, which the legacy retry may cure. */
class ProbeFailure extends Error {
  /** What to throw when there is no retry. */
  constructor(
    readonly unretried: unknown,
    options: ErrorOptions,
  ) {
    super('exited during negotiation', options);
  }
}

/** A stdio server's process exited on its own before its session was ready. */
export class ServerExitedError extends Error {
  constructor(detail: string, options?: ErrorOptions) {
    super(`${detail} while connecting`, options);
    this.name = 'ServerExitedError';
  }
}

async function connectOnce(
  target: ServerTarget,
  options: SessionOptions,
  deadline: number,
  legacy: boolean,
  onLost: (session: Session, detail: string) => void,
): Promise<Session> {
  const transport = createTransport(target, options);
  if (options.transcript) recordTranscript(transport, options.transcript);
  options.onTransport?.(transport);
  const stdio = transport instanceof StdioProcessTransport ? transport : undefined;
  const budget = Math.max(1, deadline - Date.now());
  // On stdio a silent probe means "legacy server", so it gets a share of the budget, not all of it.
  const probe = stdio ? { timeoutMs: Math.max(1, Math.floor(budget / 3)) } : {};
  const client = new Client(CLIENT_INFO, {
    versionNegotiation: { mode: legacy ? 'legacy' : 'auto', probe },
    ...listChangedOptions(options.onListChanged),
  });
  offerRoots(client, target);
  // The probe spends part of the budget, so the handshake is also bounded by the deadline itself.
  const stop = abortAt(deadline, options.signal);
  try {
    const prior = legacy ? { prior: { kind: 'legacy' as const } } : {};
    await client.connect(transport, { timeout: budget, signal: stop.signal, ...prior });
  } catch (error) {
    if (stdio) await stdio.waitForExit(EXIT_SETTLE_MS);
    if (stdio) options.keepStderr?.(stdio.stderrTail.text());
    await closeGracefully(client, transport);
    // The SDK only says "Connection closed"; the exit code says more.
    const failure =
      stdio?.exit && !stdio.exit.afterClose ? new ServerExitedError(describeEnd(stdio), { cause: error }) : error;
    if (stdio?.exit !== undefined && !legacy) throw new ProbeFailure(failure, { cause: error });
    throw failure;
  } finally {
    stop.dispose();
  }
  const era = client.getProtocolEra() === 'modern' ? 'modern' : 'legacy';
  const direct = DirectToolCalls.attach(client, options.transcript);
  const session: Session = { client, transport, era, closing: false, ...(direct ? { direct } : {}) };
  // The SDK calls this before it fails the pending requests, so they can report how the connection ended.
  client.onclose = () => {
    session.ended = describeEnd(stdio);
    if (!session.closing) onLost(session, session.ended);
  };
  return session;
}

/** A signal that aborts at `deadline` (with the SDK's timeout error) or with `outer`, whichever comes first. */
function abortAt(deadline: number, outer: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new SdkError(SdkErrorCode.RequestTimeout, 'The connection was not ready in time')),
    Math.max(1, deadline - Date.now()),
  );
  const signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
  return { signal, dispose: () => clearTimeout(timer) };
}

function describeEnd(stdio: StdioProcessTransport | undefined): string {
  if (!stdio) return 'the connection closed';
  if (stdio.failure) return `${stdio.failure}, so the studio ended the connection`;
  const exit = stdio.exit;
  const how = exit?.signal ? `signal ${exit.signal}` : `code ${exit?.code ?? 'unknown'}`;
  const limit = stdio.limitReached;
  return `the server process exited (${how})${limit ? `: ${limit}` : ''}`;
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

/** The SDK's timeout of a request, the handshake's included. */
export function isRequestTimeout(error: unknown): boolean {
  return SdkError.isInstance(error) && error.code === SdkErrorCode.RequestTimeout;
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
