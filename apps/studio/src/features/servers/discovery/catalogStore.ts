// Queries for the catalog of what servers offer (mcp_server_catalog) and its columns on mcp_servers.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import { mcpServerCatalog, mcpServers } from '../../../platform/db/schema.js';
import type { ServerRow } from '../store.js';
import type { CatalogKind, CatalogPlan } from './catalogPlan.js';

export type CatalogRow = typeof mcpServerCatalog.$inferSelect;

/** Rows per upsert statement, well below PostgreSQL's 65535 bind parameters. */
const CHUNK = 500;

/** A registration by id alone, for work the studio starts itself (a reconnect, a server's notification). */
export async function findServerById(db: Db, id: string): Promise<ServerRow | undefined> {
  const [row] = await db.select().from(mcpServers).where(eq(mcpServers.id, id));
  return row;
}

/**
 * Runs `fn` in a transaction holding the server's row lock, so two refreshes of one server (from any studio
 * instance) never plan from the same stored catalog. Undefined when the server is gone.
 */
export function withServerLocked<T>(
  db: Db,
  orgId: string,
  serverId: string,
  fn: (tx: Db, server: ServerRow) => Promise<T>,
): Promise<T | undefined> {
  return db.transaction(async (tx) => {
    const [server] = await tx
      .select()
      .from(mcpServers)
      .where(and(eq(mcpServers.orgId, orgId), eq(mcpServers.id, serverId)))
      .for('update');
    return server ? fn(tx, server) : undefined;
  });
}

export function catalogEntries(db: Db, serverId: string, kind?: CatalogKind): Promise<CatalogRow[]> {
  return db
    .select()
    .from(mcpServerCatalog)
    .where(and(eq(mcpServerCatalog.serverId, serverId), kind ? eq(mcpServerCatalog.kind, kind) : undefined))
    .orderBy(asc(mcpServerCatalog.kind), asc(mcpServerCatalog.position));
}

export async function findCatalogEntry(
  db: Db,
  serverId: string,
  kind: CatalogKind,
  name: string,
): Promise<CatalogRow | undefined> {
  const [row] = await db
    .select()
    .from(mcpServerCatalog)
    .where(
      and(eq(mcpServerCatalog.serverId, serverId), eq(mcpServerCatalog.kind, kind), eq(mcpServerCatalog.name, name)),
    );
  return row;
}

/** Writes a plan: removes what went away, upserts the rest, and stamps the server. Returns the server row. */
export async function writeCatalog(
  tx: Db,
  server: { id: string; orgId: string },
  plan: CatalogPlan,
  now: Date,
): Promise<ServerRow | undefined> {
  const removedByKind = new Map<string, string[]>();
  for (const { kind, name } of plan.removed) removedByKind.set(kind, [...(removedByKind.get(kind) ?? []), name]);
  for (const [kind, removed] of removedByKind) {
    for (let i = 0; i < removed.length; i += CHUNK) {
      const names = removed.slice(i, i + CHUNK);
      await tx
        .delete(mcpServerCatalog)
        .where(
          and(
            eq(mcpServerCatalog.serverId, server.id),
            eq(mcpServerCatalog.kind, kind),
            inArray(mcpServerCatalog.name, names),
          ),
        );
    }
  }
  for (let i = 0; i < plan.entries.length; i += CHUNK) {
    const rows = plan.entries
      .slice(i, i + CHUNK)
      .map((entry) => ({ ...entry, serverId: server.id, orgId: server.orgId }));
    await tx
      .insert(mcpServerCatalog)
      .values(rows)
      .onConflictDoUpdate({
        target: [mcpServerCatalog.serverId, mcpServerCatalog.kind, mcpServerCatalog.name],
        set: {
          position: sql`excluded.position`,
          definition: sql`excluded.definition`,
          previous: sql`excluded.previous`,
          changed: sql`excluded.changed`,
          changedAt: sql`excluded.changed_at`,
          lastSeenAt: sql`excluded.last_seen_at`,
        },
      });
  }
  const [row] = await tx
    .update(mcpServers)
    .set({ catalogRefreshedAt: now, toolCount: plan.entries.filter((e) => e.kind === 'tool').length })
    .where(eq(mcpServers.id, server.id))
    .returning();
  return row;
}

/** Marks a tool's current version as trusted. False when the server has no such tool. */
export async function acknowledgeTool(db: Db, serverId: string, name: string): Promise<boolean> {
  const rows = await db
    .update(mcpServerCatalog)
    .set({ changed: false, changedAt: null, previous: null })
    .where(
      and(eq(mcpServerCatalog.serverId, serverId), eq(mcpServerCatalog.kind, 'tool'), eq(mcpServerCatalog.name, name)),
    )
    .returning({ name: mcpServerCatalog.name });
  return rows.length > 0;
}
