// The per-user, per-UTC-day call counters behind quotas. Each change is one statement, so it is atomic on its own.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { usageQuotaCounters } from '../../platform/db/schema.js';

export interface CounterKey {
  orgId: string;
  userId: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
}

/**
 * Counts one call if the user stays within `limit`, and returns the new count, or null when the limit is already
 * reached. The upsert locks the user's row for the day, so concurrent calls from any number of
 * processes sharing the database queue on it: with a limit of N exactly N of them get a count.
 */
export async function takeOne(db: Db, key: CounterKey, limit: number): Promise<number | null> {
  if (limit <= 0) return null;
  const rows = await takeOneStatement(db).execute({ ...key, limit });
  return rows[0]?.used ?? null;
}

/** Built once per database and prepared there: the statement runs on every metered call. */
const takeOneStatements = new WeakMap<Db, ReturnType<typeof prepareTakeOne>>();

function takeOneStatement(db: Db) {
  let statement = takeOneStatements.get(db);
  if (!statement) {
    statement = prepareTakeOne(db);
    takeOneStatements.set(db, statement);
  }
  return statement;
}

function prepareTakeOne(db: Db) {
  const { used } = usageQuotaCounters;
  const limit = sql.placeholder('limit');
  return db
    .insert(usageQuotaCounters)
    .values({
      orgId: sql.placeholder('orgId'),
      userId: sql.placeholder('userId'),
      day: sql.placeholder('day'),
      used: 1,
    })
    .onConflictDoUpdate({
      target: [usageQuotaCounters.userId, usageQuotaCounters.day],
      set: { used: sql`${used} + 1` },
      setWhere: sql`${used} < ${limit}::integer`,
    })
    .returning({ used })
    .prepare('usage_quota_take_one');
}

/** Adds `delta` calls (fewer when negative, never below none) to a count, in one statement. */
export async function addToCount(db: Db, key: CounterKey, delta: number): Promise<void> {
  const { used } = usageQuotaCounters;
  await db
    .insert(usageQuotaCounters)
    .values({ ...key, used: Math.max(delta, 0) })
    .onConflictDoUpdate({
      target: [usageQuotaCounters.userId, usageQuotaCounters.day],
      set: { used: sql`greatest(${used} + ${delta}, 0)` },
    });
}

export async function usedOn(db: Db, key: CounterKey): Promise<number> {
  const rows = await db
    .select({ used: usageQuotaCounters.used })
    .from(usageQuotaCounters)
    .where(and(eq(usageQuotaCounters.userId, key.userId), eq(usageQuotaCounters.day, key.day)));
  return rows[0]?.used ?? 0;
}

/** Counters of days before `day` are history nobody reads. */
export async function purgeCountersBefore(db: Db, day: string): Promise<void> {
  await db.delete(usageQuotaCounters).where(sql`${usageQuotaCounters.day} < ${day}`);
}
