// Applies a check's outcome to a server: the status by the one rule, a history row, and the events a change makes.
import { randomUUID } from 'node:crypto';
import type { ServerStatusChanged } from '@mcp-studio/protocol';
import type { Db } from '../../../platform/db/database.js';
import type { EventBus } from '../../../platform/events/bus.js';
import { presentServer } from '../present.js';
import { type NewServerRow, type ServerRow, updateServer } from '../store.js';
import { nextHealth } from './status.js';
import { insertHealthCheck, lockServer } from './store.js';

export interface CheckOutcome {
  ok: boolean;
  /** A successful answer slower than the threshold: `warning`, though it resets the failure count. */
  isSlow: boolean;
  /** See CheckVerdict: a crash loop makes the server `down` without waiting for three checks. */
  isConclusive?: boolean;
  latencyMs: number | null;
  /** Short and free of secrets: it is shown to every member. */
  error: string | null;
  checkedAt: Date;
}

export interface RecordOptions {
  /** Periodic checks keep a history row; a connection test does not. */
  keepHistory: boolean;
  /** A periodic check of a server disabled meanwhile is dropped; a connection test of a disabled one counts. */
  requireEnabled: boolean;
  /** Announce `server_updated` even when the status stayed (a connection test also changes the tool count). */
  alwaysAnnounce: boolean;
  /** More columns to set with the outcome. */
  columns?: Partial<NewServerRow>;
}

/** Returns the updated row, or undefined when the server is gone (or disabled, when that matters). */
export async function recordOutcome(
  deps: { db: Db; bus: EventBus },
  serverId: string,
  outcome: CheckOutcome,
  options: RecordOptions,
): Promise<ServerRow | undefined> {
  const recorded = await deps.db.transaction(async (tx) => {
    const row = await lockServer(tx, serverId);
    if (!row || (options.requireEnabled && !row.enabled)) return undefined;
    const next = nextHealth(row.consecutiveFailures, outcome);
    const updated = await updateServer(tx, row.orgId, row.id, {
      ...options.columns,
      status: next.status,
      consecutiveFailures: next.consecutiveFailures,
      // A failure tells nothing about speed: the last measured latency stays.
      latencyMs: outcome.ok ? outcome.latencyMs : row.latencyMs,
      lastCheckedAt: outcome.checkedAt,
      lastError: outcome.error,
    });
    if (options.keepHistory) {
      await insertHealthCheck(tx, {
        id: randomUUID(),
        serverId: row.id,
        orgId: row.orgId,
        checkedAt: outcome.checkedAt,
        ok: outcome.ok,
        latencyMs: outcome.latencyMs,
        status: next.status,
        error: outcome.error,
      });
    }
    return updated && { updated, previousStatus: row.status };
  });
  if (!recorded) return undefined;
  const { updated, previousStatus } = recorded;
  const isChanged = updated.status !== previousStatus;
  const access = { action: 'read', subject: 'McpServer' };
  if (isChanged) {
    const data: ServerStatusChanged = {
      id: updated.id,
      status: updated.status as ServerStatusChanged['status'],
      previousStatus: previousStatus as ServerStatusChanged['status'],
      latencyMs: outcome.latencyMs,
      lastError: outcome.error,
      checkedAt: outcome.checkedAt.toISOString(),
    };
    deps.bus.publish({ topic: 'servers', type: 'server_status_changed', orgId: updated.orgId, data, access });
  }
  if (isChanged || options.alwaysAnnounce) {
    const data = presentServer(updated);
    deps.bus.publish({ topic: 'servers', type: 'server_updated', orgId: updated.orgId, data, access });
  }
  return updated;
}
