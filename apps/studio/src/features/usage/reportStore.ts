// Queries behind the usage report and export, over the raw events kept for the retention period.
import type { UsageEvent, UsageGroup, UsageGroupRow } from '@mcp-studio/protocol';
import { and, asc, eq, gt, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { mcpServers, usageEvents, users } from '../../platform/db/schema.js';

/** Which events: always one organization, optionally one user, and the report's filters. */
export interface EventFilter {
  orgId: string;
  userId?: string;
  serverId?: string;
  tool?: string;
  status?: string;
  from: Date;
  to: Date;
}

function whereOf(filter: EventFilter): SQL {
  const e = usageEvents;
  const conditions = [eq(e.orgId, filter.orgId), gte(e.at, filter.from), lt(e.at, filter.to)];
  if (filter.userId) conditions.push(eq(e.userId, filter.userId));
  if (filter.serverId) conditions.push(eq(e.serverId, filter.serverId));
  if (filter.tool) conditions.push(eq(e.tool, filter.tool));
  if (filter.status) conditions.push(eq(e.status, filter.status));
  return and(...conditions) as SQL;
}

const KEY: Record<UsageGroup, SQL<string>> = {
  day: sql<string>`to_char(${usageEvents.at} at time zone 'UTC', 'YYYY-MM-DD')`,
  user: sql<string>`${usageEvents.userId}::text`,
  server: sql<string>`coalesce(${usageEvents.serverId}::text, '')`,
  tool: sql<string>`${usageEvents.tool}`,
};

// Latency percentiles count calls that went somewhere; refusals answer in no time and would hide the real figure.
const forwarded = sql`${usageEvents.status} in ('ok', 'error', 'timeout')`;
const totals = {
  calls: sql<number>`count(*)::int`,
  errors: sql<number>`(count(*) filter (where ${usageEvents.status} in ('error', 'timeout')))::int`,
  rejected: sql<number>`(count(*) filter (where ${usageEvents.status} in ('quota', 'denied')))::int`,
  latencyP50Ms: sql<
    number | null
  >`percentile_cont(0.5) within group (order by ${usageEvents.latencyMs}) filter (where ${forwarded})`,
  latencyP95Ms: sql<
    number | null
  >`percentile_cont(0.95) within group (order by ${usageEvents.latencyMs}) filter (where ${forwarded})`,
  bytesIn: sql<number>`coalesce(sum(${usageEvents.bytesIn}), 0)::float8`,
  bytesOut: sql<number>`coalesce(sum(${usageEvents.bytesOut}), 0)::float8`,
  tokensIn: sql<number>`coalesce(sum(${usageEvents.tokensIn}), 0)::float8`,
  tokensOut: sql<number>`coalesce(sum(${usageEvents.tokensOut}), 0)::float8`,
};

type Totals = Omit<UsageGroupRow, 'key' | 'label'>;

function asTotals(row: Record<keyof typeof totals, unknown>): Totals {
  const num = (value: unknown) => Number(value ?? 0);
  const optional = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    calls: num(row.calls),
    errors: num(row.errors),
    rejected: num(row.rejected),
    latencyP50Ms: optional(row.latencyP50Ms),
    latencyP95Ms: optional(row.latencyP95Ms),
    bytesIn: num(row.bytesIn),
    bytesOut: num(row.bytesOut),
    tokensIn: num(row.tokensIn),
    tokensOut: num(row.tokensOut),
  };
}

export async function usageTotals(db: Db, filter: EventFilter): Promise<Totals> {
  const [row] = await db.select(totals).from(usageEvents).where(whereOf(filter));
  return asTotals(row ?? ({} as Record<keyof typeof totals, unknown>));
}

/** Groups by day (in day order) or by user, server or tool (busiest first), with readable labels. */
export async function usageGroups(db: Db, filter: EventFilter, groupBy: UsageGroup): Promise<UsageGroupRow[]> {
  const key = KEY[groupBy];
  const rows = await db
    .select({ key, ...totals })
    .from(usageEvents)
    .where(whereOf(filter))
    .groupBy(key)
    .orderBy(groupBy === 'day' ? asc(key) : sql`count(*) desc, ${key}`)
    .limit(1000);
  const labels = await labelsFor(
    db,
    filter.orgId,
    groupBy,
    rows.map((row) => row.key),
  );
  return rows.map((row) => ({ key: row.key, label: labels.get(row.key) ?? row.key, ...asTotals(row) }));
}

async function labelsFor(db: Db, orgId: string, groupBy: UsageGroup, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((key) => /^[0-9a-f-]{36}$/.test(key));
  if (ids.length === 0) return new Map([['', '(none)']]);
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  if (groupBy === 'user') {
    const rows = await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.orgId, orgId), sql`${users.id} in (${idList})`));
    return new Map(rows.map((row) => [row.id, row.name ? `${row.name} <${row.email}>` : row.email]));
  }
  if (groupBy === 'server') {
    const rows = await db
      .select({ id: mcpServers.id, name: mcpServers.name })
      .from(mcpServers)
      .where(and(eq(mcpServers.orgId, orgId), sql`${mcpServers.id} in (${idList})`));
    return new Map([...rows.map((row) => [row.id, row.name] as [string, string]), ['', '(none)']]);
  }
  return new Map();
}

/** One page of events in (at, id) order after the given position: the export walks them without holding them all. */
export async function eventsPage(
  db: Db,
  filter: EventFilter,
  after: { at: Date; id: string } | undefined,
  size: number,
): Promise<UsageEvent[]> {
  const e = usageEvents;
  const position = after ? or(gt(e.at, after.at), and(eq(e.at, after.at), gt(e.id, after.id))) : undefined;
  const rows = await db
    .select()
    .from(e)
    .where(position ? and(whereOf(filter), position) : whereOf(filter))
    .orderBy(asc(e.at), asc(e.id))
    .limit(size);
  return rows.map((row) => ({
    id: row.id,
    requestId: row.requestId,
    orgId: row.orgId,
    userId: row.userId,
    tokenId: row.tokenId,
    workspaceId: row.workspaceId,
    serverId: row.serverId,
    method: row.method as UsageEvent['method'],
    tool: row.tool,
    status: row.status as UsageEvent['status'],
    errorCode: row.errorCode,
    latencyMs: row.latencyMs,
    bytesIn: row.bytesIn,
    bytesOut: row.bytesOut,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    at: row.at.toISOString(),
  }));
}
