// Queries for the organization, its members and invitations. Every read takes the caller's organization.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { invitations, organizations, users } from '../../platform/db/schema.js';

export type InvitationRow = typeof invitations.$inferSelect;
export type MemberRow = Pick<typeof users.$inferSelect, 'id' | 'email' | 'name' | 'role' | 'createdAt'>;

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

export function findOrganization(db: Db, orgId: string) {
  return db.query.organizations.findFirst({ where: eq(organizations.id, orgId) });
}

export async function updateOrganization(db: Db, orgId: string, changes: { name?: string; plan?: string }) {
  const [row] = await db.update(organizations).set(changes).where(eq(organizations.id, orgId)).returning();
  return row;
}

export function listMembers(db: Db, orgId: string): Promise<MemberRow[]> {
  return db.select(memberColumns).from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.createdAt));
}

export async function findMember(db: Db, orgId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row;
}

export async function countMembersIn(db: Db, orgId: string, userIds: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, userIds)));
  return row?.n ?? 0;
}

/**
 * Changes a member's role or removes them, refusing to leave the organization without an ADMIN. The admins'
 * rows are locked first, so two concurrent demotions cannot both pass the check.
 */
export async function changeMemberKeepingAnAdmin(
  db: Db,
  orgId: string,
  userId: string,
  change: { role: string } | 'remove',
): Promise<'ok' | 'not_found' | 'last_admin'> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.role, 'ADMIN')))
      .for('update');
    const [target] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    if (!target) return 'not_found';
    const isLeavingAdmins = target.role === 'ADMIN' && (change === 'remove' || change.role !== 'ADMIN');
    if (isLeavingAdmins && admins.length <= 1) return 'last_admin';
    if (change === 'remove') await tx.delete(users).where(eq(users.id, userId));
    else await tx.update(users).set({ role: change.role }).where(eq(users.id, userId));
    return 'ok';
  });
}

export function listPendingInvitations(db: Db, orgId: string, now: Date) {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

/** Stores a new invitation, revoking any earlier pending one for the same email. */
export async function replaceInvitation(
  db: Db,
  row: typeof invitations.$inferInsert,
  now: Date,
): Promise<InvitationRow> {
  return db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.orgId, row.orgId),
          eq(invitations.email, row.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [inserted] = await tx.insert(invitations).values(row).returning();
    return inserted!;
  });
}

export async function revokeInvitation(db: Db, orgId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export async function findPendingInvitation(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return row;
}

/** Marks the invitation accepted and creates its user, once. */
export async function acceptInvitation(
  db: Db,
  invitationId: string,
  user: typeof users.$inferInsert,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const accepted = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (accepted.length === 0) return false;
    await tx.insert(users).values(user);
    return true;
  });
}

export async function isEmailRegistered(db: Db, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row !== undefined;
}
