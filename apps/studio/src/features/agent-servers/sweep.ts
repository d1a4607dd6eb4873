// The periodic sweep: registered nodes silent for three of their intervals become OFFLINE; attached nodes (which
// never beat) are polled instead, OFFLINE after three failed polls in a row. Each change is announced on `servers`.
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { describeNetworkError, type NodeClient } from './nodeClient.js';
import { probeNode } from './probe.js';
import type { AgentServerService } from './service.js';
import { announceStatus, liveStatus, MISSED_BEATS, silentSince } from './status.js';
import * as store from './store.js';

/** How often an attached node is polled (GET /health and presence), whatever the sweep's own interval. */
export const ATTACHED_POLL_INTERVAL_MS = 15_000;
const POLL_CONCURRENCY = 8;

export interface SweepDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  service: AgentServerService;
  nodes: NodeClient;
  /** 0: no timer; runOnce() still works. */
  intervalMs: number;
  log: { warn: (details: Record<string, unknown>, message: string) => void };
}

export interface SweepSummary {
  markedOffline: string[];
  polled: string[];
}

export class AgentServerSweep {
  private timer: NodeJS.Timeout | undefined;
  private run: Promise<SweepSummary> | undefined;
  private stopped = false;

  constructor(private readonly deps: SweepDeps) {}

  start(): void {
    if (this.deps.intervalMs <= 0 || this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) =>
        this.deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'agent server sweep failed'),
      );
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.run?.catch(() => undefined);
  }

  /** One sweep; a sweep still going when the next is due is joined, not doubled. */
  runOnce(): Promise<SweepSummary> {
    this.run ??= this.perform().finally(() => {
      this.run = undefined;
    });
    return this.run;
  }

  private async perform(): Promise<SweepSummary> {
    const rows = await store.listAllAgentServers(this.deps.db);
    const now = this.deps.clock.now();
    const markedOffline: string[] = [];
    for (const row of rows) {
      if (row.origin !== 'registered' || row.maintenance || row.status === 'OFFLINE') continue;
      if (silentSince(row) > now) continue;
      const interval = row.heartbeatIntervalMs;
      const reason = row.lastHeartbeatAt
        ? `no heartbeat for ${MISSED_BEATS} intervals${interval ? ` of ${interval} ms` : ''}`
        : 'never sent a heartbeat';
      if (await this.setStatus(row, 'OFFLINE', reason, {})) markedOffline.push(row.id);
    }
    const due = rows.filter(
      (row) =>
        row.origin === 'attached' &&
        !row.maintenance &&
        (!row.lastCheckedAt || now.getTime() - row.lastCheckedAt.getTime() >= ATTACHED_POLL_INTERVAL_MS),
    );
    const polled: string[] = [];
    await forEachLimited(due, POLL_CONCURRENCY, async (row) => {
      if (this.stopped) return;
      await this.poll(row);
      polled.push(row.id);
    });
    return { markedOffline, polled };
  }

  private async poll(row: store.AgentServerRow): Promise<void> {
    const now = this.deps.clock.now();
    try {
      const probe = await probeNode(this.deps.nodes, this.deps.service.targetOf(row));
      await this.setStatus(row, liveStatus(row, probe.status), 'poll', {
        lastCheckedAt: now,
        consecutiveFailures: 0,
        lastError: null,
        reportedStatus: probe.status,
        ...(probe.version ? { version: probe.version } : {}),
        ...(probe.uptimeSeconds === null
          ? {}
          : { figures: { ...(row.figures ?? {}), uptimeSeconds: probe.uptimeSeconds } }),
      });
    } catch (err) {
      const failures = row.consecutiveFailures + 1;
      const error = describeNetworkError(err);
      await this.setStatus(row, failures >= MISSED_BEATS ? 'OFFLINE' : row.status, error, {
        lastCheckedAt: now,
        consecutiveFailures: failures,
        lastError: error,
      });
    }
  }

  /** Writes the change unless the row's status moved meanwhile (a beat arrived); true when it was written. */
  private async setStatus(
    row: store.AgentServerRow,
    status: string,
    reason: string,
    changes: Partial<store.NewAgentServerRow>,
  ): Promise<boolean> {
    const now = this.deps.clock.now();
    const updated = await store.updateAgentServer(
      this.deps.db,
      row.id,
      {
        ...changes,
        status,
        ...(status === row.status
          ? {}
          : { statusChangedAt: now, ...(status === 'OFFLINE' ? { lastError: reason } : {}) }),
        updatedAt: now,
      },
      row,
    );
    if (!updated) return false;
    announceStatus(this.deps.bus, updated, row.status, reason);
    return true;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
