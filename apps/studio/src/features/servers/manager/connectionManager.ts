// One shared, lazily opened MCP session per server: concurrency limits, timeouts, and stdio supervision.
import type { TranscriptEntry } from '@mcp-studio/protocol';
import type { Client } from '@modelcontextprotocol/client';
import { StderrRing } from '../connection/stdioProcess.js';
import { TranscriptRing } from '../connection/transcript.js';
import {
  ConnectionLostError,
  RequestCancelledError,
  RequestTimeoutError,
  ServerBusyError,
  ServerDownError,
} from './errors.js';
import { Limiter } from './limiter.js';
import {
  type CallScope,
  closeSession,
  isExpiredHttpSession,
  isRequestTimeout,
  openSession,
  runWithTimeout,
  ServerExitedError,
  type Session,
  sessionPid,
  sessionStderr,
} from './session.js';
import { backoffDelay, CrashWindow, DEFAULT_BACKOFF, DEFAULT_CRASH_LOOP } from './supervision.js';
import type { ConnectionManagerOptions, Entry, ManagedServer, ServerStatus, UseOptions } from './types.js';

export type { ConnectionManagerOptions, ManagedServer, ServerStatus, UseOptions } from './types.js';

const DEFAULT_MAX_QUEUE = 64;

export class ConnectionManager {
  private readonly entries = new Map<string, Entry>();
  private isShutDown = false;
  /** Group kills after crashes, which shutdown waits for. */
  private readonly cleanups = new Set<Promise<void>>();

  constructor(private readonly options: ConnectionManagerOptions) {}

  /**
   * Runs `fn` with the server's shared client, opening it if needed. `signal` aborts at the timeout or when
   * `options.signal` does: pass it to SDK calls so the server is told to cancel. Throws ServerBusyError,
   * ServerDownError, RequestTimeoutError, RequestCancelledError or ConnectionLostError besides what `fn` throws.
   */
  async use<T>(
    server: ManagedServer,
    fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
    options: UseOptions = {},
  ): Promise<T> {
    if (this.isShutDown) throw new Error('The connection manager is shut down');
    const entry = this.entryFor(server);
    this.assertUp(entry);
    const release = await entry.limiter.acquire(options.signal).catch((error: unknown) => {
      throw options.signal?.aborted ? new RequestCancelledError(server.id) : error;
    });
    if (!release) throw new ServerBusyError(server.id);
    try {
      const session = await this.sessionFor(entry);
      try {
        return await runWithTimeout(limited(entry.server, options), session, fn, options.signal);
      } catch (error) {
        if (!isExpiredHttpSession(session, error)) throw error;
        // The server forgot our session (404): open a new one and replay the call once.
        await this.discard(entry, session);
        return await runWithTimeout(limited(entry.server, options), await this.sessionFor(entry), fn, options.signal);
      }
    } finally {
      release();
    }
  }

  status(serverId: string): ServerStatus {
    return this.entries.get(serverId)?.status ?? 'idle';
  }

  /** The pid of the server's current process (stdio), if one runs. */
  pid(serverId: string): number | null {
    const session = this.entries.get(serverId)?.session;
    return session ? sessionPid(session) : null;
  }

  /** The stderr the server's processes wrote, oldest first, bounded by the ring buffers. */
  logs(serverId: string): string {
    const entry = this.entries.get(serverId);
    if (!entry) return '';
    return entry.pastStderr.text() + (entry.session ? sessionStderr(entry.session) : '');
  }

  /** The server's recent JSON-RPC traffic, across its sessions, oldest first. */
  transcript(serverId: string): TranscriptEntry[] {
    return this.entries.get(serverId)?.transcript.entries() ?? [];
  }

  /** Clears `down` and the crash history; the next `use` connects again. */
  async restart(serverId: string): Promise<void> {
    const entry = this.entries.get(serverId);
    if (!entry) return;
    await this.stop(entry, 'idle');
    entry.crashes.reset();
  }

  /** Ends the session and kills a stdio server's whole process group; for disable and delete. */
  async close(serverId: string): Promise<void> {
    const entry = this.entries.get(serverId);
    if (entry) await this.stop(entry, 'closed');
  }

  /** Shutdown: closes every server; later `use` calls are refused. */
  async closeAll(): Promise<void> {
    this.isShutDown = true;
    await Promise.all([...this.entries.values()].map((entry) => this.stop(entry, 'closed')));
    await Promise.all(this.cleanups);
  }

  private entryFor(server: ManagedServer): Entry {
    const maxQueue = server.maxQueue ?? DEFAULT_MAX_QUEUE;
    const existing = this.entries.get(server.id);
    if (existing) {
      existing.server = server;
      existing.limiter.max = server.maxConcurrency;
      existing.limiter.maxQueue = maxQueue;
      return existing;
    }
    const now = this.options.now ?? Date.now;
    const entry: Entry = {
      server,
      status: 'idle',
      generation: 0,
      limiter: new Limiter(server.maxConcurrency, maxQueue),
      crashes: new CrashWindow(this.options.crashLoop ?? DEFAULT_CRASH_LOOP, now),
      pastStderr: new StderrRing(),
      transcript: new TranscriptRing(),
    };
    this.entries.set(server.id, entry);
    return entry;
  }

  private assertUp(entry: Entry): void {
    if (entry.status === 'down') throw new ServerDownError(entry.server.id, entry.pastStderr.lastLines(10));
  }

  private sessionFor(entry: Entry): Promise<Session> {
    this.assertUp(entry);
    if (entry.session) return Promise.resolve(entry.session);
    entry.opening ??= this.open(entry);
    return entry.opening;
  }

  private async open(entry: Entry): Promise<Session> {
    const generation = entry.generation;
    const { id, timeoutMs } = entry.server;
    this.setStatus(entry, 'connecting');
    let isStdio = false;
    try {
      const target = await entry.server.target();
      isStdio = target.transport === 'stdio';
      const session = await openSession(
        target,
        {
          baseEnv: this.options.baseEnv,
          processLimits: this.options.processLimits,
          timeoutMs,
          knownEra: entry.era,
          keepStderr: (text) => entry.pastStderr.append(Buffer.from(text)),
          transcript: entry.transcript,
          onListChanged: (list) => this.options.onListChanged?.(id, list),
        },
        (lost, detail) => this.onLost(entry, lost, detail),
      );
      if (generation !== entry.generation) {
        await closeSession(session);
        throw new ConnectionLostError(id, 'the server was closed while connecting');
      }
      entry.session = session;
      entry.era = session.era;
      entry.opening = undefined;
      this.setStatus(entry, 'ready');
      this.options.onConnected?.(id);
      return session;
    } catch (error) {
      if (generation === entry.generation) {
        entry.opening = undefined;
        const detail = error instanceof Error ? error.message : String(error);
        if (isStdio) this.onCrash(entry, detail);
        else this.setStatus(entry, 'idle', detail);
      }
      // To the caller, a handshake out of time is a timeout (504) and a process gone a lost connection (502).
      if (isRequestTimeout(error)) throw new RequestTimeoutError(id, timeoutMs);
      throw error instanceof ServerExitedError ? new ConnectionLostError(id, error.message) : error;
    }
  }

  /** An unexpected end: keep the stderr, kill what is left of the process group, and supervise. */
  private onLost(entry: Entry, session: Session, detail: string): void {
    if (entry.session !== session) return;
    entry.session = undefined;
    entry.pastStderr.append(Buffer.from(sessionStderr(session)));
    // Grandchildren outlive a crashed child unless its process group is killed.
    const cleanup = closeSession(session).finally(() => this.cleanups.delete(cleanup));
    this.cleanups.add(cleanup);
    if (sessionPid(session) !== null) this.onCrash(entry, detail);
    else this.setStatus(entry, 'idle', detail);
  }

  private onCrash(entry: Entry, detail: string): void {
    const exits = entry.crashes.record();
    if (entry.crashes.isLooping()) {
      this.setStatus(entry, 'down', `${detail} (${exits} exits in the crash-loop window)`);
      return;
    }
    const delay = backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, exits, this.options.random);
    this.setStatus(entry, 'restarting', `${detail}; restarting in ${delay} ms`);
    const generation = entry.generation;
    const restarted = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delay);
      entry.cancelRestart = () => {
        clearTimeout(timer);
        reject(new ConnectionLostError(entry.server.id, 'the server was closed before it restarted'));
      };
    }).then(() => {
      entry.cancelRestart = undefined;
      if (generation !== entry.generation) throw new ConnectionLostError(entry.server.id, 'the server was closed');
      return this.open(entry);
    });
    restarted.catch(() => {}); // a failed restart is recorded by open(); callers see it through their own await
    entry.opening = restarted;
  }

  private async discard(entry: Entry, session: Session): Promise<void> {
    if (entry.session === session) entry.session = undefined;
    await closeSession(session);
  }

  private async stop(entry: Entry, status: ServerStatus): Promise<void> {
    entry.generation++;
    entry.cancelRestart?.();
    entry.cancelRestart = undefined;
    const pending = entry.opening;
    entry.opening = undefined;
    await pending?.catch(() => {}); // an open in flight sees the new generation and closes what it started
    const session = entry.session;
    entry.session = undefined;
    if (session) {
      await closeSession(session);
      entry.pastStderr.append(Buffer.from(sessionStderr(session)));
    }
    this.setStatus(entry, status);
  }

  private setStatus(entry: Entry, status: ServerStatus, detail?: string): void {
    entry.status = status;
    this.options.onStatus?.(entry.server.id, status, detail);
  }
}

/** The request's time limit: the server's, or the caller's own when that is shorter. */
function limited(server: ManagedServer, options: UseOptions): { id: string; timeoutMs: number } {
  const { id, timeoutMs } = server;
  return { id, timeoutMs: options.timeoutMs === undefined ? timeoutMs : Math.min(timeoutMs, options.timeoutMs) };
}
