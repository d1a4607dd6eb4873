// Daily totals and retention: events are summed per day into usage_daily, and purged once past the retention period.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { usageDaily, usageEvents } from '../../platform/db/schema.js';

const NO_SERVER = '00000000-0000-0000-0000-000000000000';

/**
 * (Re)computes one UTC day's totals from its events. Each run replaces the day's figures rather than adding to
 * them, so running it again — on any replica, at any time — never counts a call twice.
 */
export async function rollUpDay(db: Db, day: string): Promise<void> {
  const e = usageEvents;
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + 86_400_000);
  await db.execute(sql`
    insert into ${usageDaily} (day, org_id, user_id, server_id, method, tool, status, calls, latency_ms_total,
      bytes_in, bytes_out, tokens_in, tokens_out)
    select ${day}::date, ${e.orgId}, ${e.userId}, coalesce(${e.serverId}, ${NO_SERVER}::uuid), ${e.method}, ${e.tool},
      ${e.status}, count(*), sum(${e.latencyMs}), sum(${e.bytesIn}), sum(${e.bytesOut}), sum(${e.tokensIn}),
      sum(${e.tokensOut})
    from ${usageEvents}
    where ${e.at} >= ${start.toISOString()}::timestamptz and ${e.at} < ${end.toISOString()}::timestamptz
    group by 2, 3, 4, 5, 6, 7
    on conflict (day, org_id, user_id, server_id, method, tool, status) do update set
      calls = excluded.calls, latency_ms_total = excluded.latency_ms_total, bytes_in = excluded.bytes_in,
      bytes_out = excluded.bytes_out, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out
  `);
}

/** Removes events older than the cutoff; their days' totals stay in usage_daily. */
export async function purgeEventsBefore(db: Db, cutoff: Date): Promise<void> {
  await db.delete(usageEvents).where(sql`${usageEvents.at} < ${cutoff.toISOString()}`);
}
