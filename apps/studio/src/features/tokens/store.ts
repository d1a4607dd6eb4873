// Queries for API tokens. The secret is stored only as its SHA-256 hash.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { apiTokens, users } from '../../platform/db/schema.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(db: Db, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [inserted] = await db.insert(apiTokens).values(row).returning();
  return inserted!;
}

export function listTokens(db: Db, orgId: string, userId?: string): Promise<ApiTokenRow[]> {
  const where = userId ? and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId)) : eq(apiTokens.orgId, orgId);
  return db.select().from(apiTokens).where(where).orderBy(desc(apiTokens.createdAt));
}

export async function findToken(db: Db, orgId: string, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
  return row;
}

export async function revokeToken(db: Db, id: string, now: Date): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? (await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id) }));
}

export async function deleteToken(db: Db, id: string): Promise<void> {
  await db.delete(apiTokens).where(eq(apiTokens.id, id));
}

/** The token and its owner's current role, by the hash of the presented secret. */
export async function findTokenForAuth(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, role: users.role, userOrgId: users.orgId })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

/** Records use at most once a minute per token, to keep authentication free of writes on hot paths. */
export async function touchToken(db: Db, id: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
}
