// Queries for virtual servers. Every read takes the caller's organization.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import { virtualServers } from '../../../platform/db/schema.js';

export type VirtualServerRow = typeof virtualServers.$inferSelect;
export type NewVirtualServerRow = typeof virtualServers.$inferInsert;

export function listVirtualServers(db: Db, orgId: string): Promise<VirtualServerRow[]> {
  return db.select().from(virtualServers).where(eq(virtualServers.orgId, orgId)).orderBy(asc(virtualServers.name));
}

export async function findVirtualServer(db: Db, orgId: string, id: string): Promise<VirtualServerRow | undefined> {
  const [row] = await db
    .select()
    .from(virtualServers)
    .where(and(eq(virtualServers.orgId, orgId), eq(virtualServers.id, id)));
  return row;
}

export async function findVirtualServerBySlug(
  db: Db,
  orgId: string,
  slug: string,
): Promise<VirtualServerRow | undefined> {
  const [row] = await db
    .select()
    .from(virtualServers)
    .where(and(eq(virtualServers.orgId, orgId), eq(virtualServers.slug, slug)));
  return row;
}

export async function insertVirtualServer(db: Db, row: NewVirtualServerRow): Promise<VirtualServerRow> {
  const [inserted] = await db.insert(virtualServers).values(row).returning();
  return inserted!;
}

export async function updateVirtualServer(
  db: Db,
  orgId: string,
  id: string,
  changes: Partial<NewVirtualServerRow>,
): Promise<VirtualServerRow | undefined> {
  const [updated] = await db
    .update(virtualServers)
    .set(changes)
    .where(and(eq(virtualServers.orgId, orgId), eq(virtualServers.id, id)))
    .returning();
  return updated;
}

export async function deleteVirtualServer(db: Db, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(virtualServers)
    .where(and(eq(virtualServers.orgId, orgId), eq(virtualServers.id, id)))
    .returning({ id: virtualServers.id });
  return deleted.length > 0;
}
