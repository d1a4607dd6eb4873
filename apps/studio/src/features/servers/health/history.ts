// A server's health history for charts: the checks since a given time, oldest first, org-scoped.
import type { HealthHistory } from '@mcp-studio/protocol';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { badRequest, notFound } from '../../../platform/http/errors.js';
import { findServer } from '../store.js';
import { listHealthChecks } from './store.js';

const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A chart needs no more; a 30 s interval makes about 2900 a day, so a day's window shows its newest part. */
const MAX_CHECKS = 2000;

export async function readHealthHistory(
  deps: { db: Db; clock: Clock },
  principal: Principal,
  serverId: string,
  since: string | undefined,
): Promise<HealthHistory> {
  const from = since === undefined ? new Date(deps.clock.now().getTime() - DEFAULT_WINDOW_MS) : new Date(since);
  if (Number.isNaN(from.getTime())) throw badRequest('`since` must be an ISO 8601 timestamp', { field: 'since' });
  if (!(await findServer(deps.db, principal.orgId, serverId))) throw notFound('MCP server');
  const rows = await listHealthChecks(deps.db, serverId, from, MAX_CHECKS);
  return {
    checks: rows.map((row) => ({
      checkedAt: row.checkedAt.toISOString(),
      ok: row.ok,
      latencyMs: row.latencyMs,
      status: row.status as HealthHistory['checks'][number]['status'],
      error: row.error,
    })),
  };
}
