// Queries for users, sessions and refresh tokens.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { organizations, refreshTokens, sessions, users } from '../../platform/db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

export function findUserByEmail(db: Db, email: string) {
  return db.query.users.findFirst({ where: eq(users.email, email) });
}

export async function findUserWithOrg(db: Db, userId: string) {
  const rows = await db
    .select({ user: users, org: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, userId));
  return rows[0];
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** The session and its user in one query: what every authenticated request needs. */
export async function findLiveSession(db: Db, sessionId: string, now: Date) {
  const rows = await db
    .select({ userId: users.id, orgId: users.orgId, role: users.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  const row = rows[0];
  return row && row.expiresAt > now ? row : undefined;
}

export async function insertSession(
  db: Db,
  values: typeof sessions.$inferInsert,
  refresh: { id: string; tokenHash: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values(values);
    await tx.insert(refreshTokens).values({ id: refresh.id, sessionId: values.id, tokenHash: refresh.tokenHash });
  });
}

export async function findRefreshToken(db: Db, tokenHash: string) {
  const rows = await db
    .select({ token: refreshTokens, session: sessions })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return rows[0];
}

/** Marks the token spent and stores its successor; false when another request spent it first. */
export async function rotateRefreshToken(
  db: Db,
  spentId: string,
  next: { id: string; sessionId: string; tokenHash: string },
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, spentId), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id });
    if (spent.length === 0) return false;
    await tx.insert(refreshTokens).values(next);
    return true;
  });
}

export async function revokeSession(db: Db, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
