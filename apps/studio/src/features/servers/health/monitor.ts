// Periodic health checks: a ping through each enabled server's shared session, a few servers at a time.

import type { McpServer } from '@mcp-studio/protocol';
import type { Client } from '@modelcontextprotocol/client';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { EventBus } from '../../../platform/events/bus.js';
import { AppError } from '../../../platform/http/errors.js';
import { presentServer } from '../present.js';
import type { ServerCalls } from '../serverCalls.js';
import type { ServerRow } from '../store.js';
import { describeCheckFailure } from './failure.js';
import { type CheckOutcome, recordOutcome } from './record.js';
import { findServerById, listEnabledServerIds, purgeHealthChecksBefore } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_CONCURRENCY = 8;
const STOPPED = Symbol('stopped');

export interface HealthMonitorDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  calls: Pick<ServerCalls, 'useAsStudio'>;
  /** Between runs; 0 runs no timer (checks happen only when asked). */
  intervalMs: number;
  /** A successful ping slower than this leaves the server at `warning`. */
  slowMs: number;
  retentionDays: number;
  /** Servers checked at the same time. */
  concurrency?: number;
  log: { warn: (details: Record<string, unknown>, message: string) => void };
  /** Sees every check recorded in a server's history (metrics). */
  onChecked?: (serverId: string, ok: boolean) => void;
}

export interface HealthCheckResult {
  serverId: string;
  ok: boolean;
  status: McpServer['status'];
  latencyMs: number | null;
  error: string | null;
}

export interface HealthRunSummary {
  checked: HealthCheckResult[];
  purged: number;
}

export class HealthMonitor {
  private timer: NodeJS.Timeout | undefined;
  private run: Promise<HealthRunSummary> | undefined;
  private readonly inFlight = new Map<string, Promise<HealthCheckResult | null>>();
  /** Aborted at stop, so a check waiting on a slow server gives up instead of holding the shutdown. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: HealthMonitorDeps) {}

  start(): void {
    if (this.deps.intervalMs <= 0 || this.timer || this.isStopped) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) =>
        this.deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'health check run failed'),
      );
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  /** Ends the timer and waits for checks in flight, which record nothing more; call before connections close. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([this.run, ...this.inFlight.values()]);
  }

  /**
   * One run: every enabled server of every organization, then the history past retention goes. A run still
   * going when the next is due is joined, not doubled.
   */
  runOnce(): Promise<HealthRunSummary> {
    this.run ??= this.perform().finally(() => {
      this.run = undefined;
    });
    return this.run;
  }

  /** Checks one server; null when skipped (disabled, deleted, its previous check still running, or stopping). */
  checkServer(serverId: string): Promise<HealthCheckResult | null> {
    if (this.isStopped || this.inFlight.has(serverId)) return Promise.resolve(null);
    const check = this.check(serverId).finally(() => this.inFlight.delete(serverId));
    this.inFlight.set(serverId, check);
    return check;
  }

  /**
   * A server whose status nobody has measured yet is checked as soon as its connection opens (through that
   * connection, so no process is started for it), rather than at the next periodic run.
   */
  async checkIfUnknown(serverId: string): Promise<void> {
    const row = await findServerById(this.deps.db, serverId);
    if (row?.enabled && row.status === 'unknown') await this.checkServer(serverId);
  }

  /** The supervisor stopped restarting a crashing server: it is `down` now, with the reason, until restarted. */
  async recordCrashLoop(serverId: string, detail: string): Promise<void> {
    if (this.isStopped) return;
    const outcome = { ok: false, isSlow: false, isConclusive: true, latencyMs: null, checkedAt: this.deps.clock.now() };
    const error = describeCheckFailure(new AppError('server_down', 503, detail));
    const updated = await recordOutcome(
      this.deps,
      serverId,
      { ...outcome, error },
      {
        keepHistory: true,
        requireEnabled: true,
        alwaysAnnounce: false,
      },
    );
    if (updated) this.deps.onChecked?.(serverId, false);
  }

  private async perform(): Promise<HealthRunSummary> {
    const ids = await listEnabledServerIds(this.deps.db);
    const results = await mapLimited(ids, this.deps.concurrency ?? DEFAULT_CONCURRENCY, async (id) => {
      try {
        return await this.checkServer(id);
      } catch (err) {
        this.deps.log.warn(
          { serverId: id, err: err instanceof Error ? err.message : String(err) },
          'health check failed',
        );
        return null;
      }
    });
    const cutoff = new Date(this.deps.clock.now().getTime() - this.deps.retentionDays * DAY_MS);
    const purged = this.isStopped ? 0 : await purgeHealthChecksBefore(this.deps.db, cutoff);
    return { checked: results.filter((r): r is HealthCheckResult => r !== null), purged };
  }

  private async check(serverId: string): Promise<HealthCheckResult | null> {
    const row = await findServerById(this.deps.db, serverId);
    if (!row?.enabled) return null;
    const outcome = await this.unlessStopped(this.ping(row));
    if (outcome === STOPPED || this.isStopped) return null;
    const updated = await recordOutcome(this.deps, serverId, outcome, {
      keepHistory: true,
      requireEnabled: true,
      alwaysAnnounce: false,
    });
    if (!updated) return null;
    this.deps.onChecked?.(serverId, outcome.ok);
    const { ok, latencyMs, error } = outcome;
    return { serverId, ok, status: updated.status as McpServer['status'], latencyMs, error };
  }

  private get isStopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private unlessStopped<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
    const { signal } = this.stopping;
    if (signal.aborted) return Promise.resolve(STOPPED);
    return new Promise((resolve, reject) => {
      const onStop = () => resolve(STOPPED);
      signal.addEventListener('abort', onStop, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onStop));
    });
  }

  /** Never throws: a failure is an outcome. Latency is the round trip alone, not the connect before it. */
  private async ping(row: ServerRow): Promise<CheckOutcome> {
    try {
      const latencyMs = await this.deps.calls.useAsStudio(row.orgId, presentServer(row), roundTrip);
      return {
        ok: true,
        isSlow: latencyMs > this.deps.slowMs,
        latencyMs,
        error: null,
        checkedAt: this.deps.clock.now(),
      };
    } catch (err) {
      const error = describeCheckFailure(err);
      return { ok: false, isSlow: false, latencyMs: null, error, checkedAt: this.deps.clock.now() };
    }
  }
}

/** The 2026-07-28 revision has no `ping`; `server/discover` is its cheapest round trip. */
async function roundTrip(client: Client, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  if (client.getProtocolEra() === 'modern') await client.discover({ signal });
  else await client.ping({ signal });
  return Math.round(performance.now() - started);
}

/** `fn` over `items` with at most `limit` running at once, results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
