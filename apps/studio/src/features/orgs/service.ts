// The organization and its members: profile, roles, invitations, removal, never leaving it without an ADMIN.
import { randomUUID } from 'node:crypto';
import type {
  InviteMemberBody,
  InviteMemberResult,
  Member,
  MembersList,
  Organization,
  Plan,
  Role,
} from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import { presentInvitation, presentMember, presentOrganization } from './present.js';
import * as store from './store.js';

export interface OrgServiceDeps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  publicUrl: string;
  invitationTtlHours: number;
}

const memberAccess = { action: 'read', subject: 'Member' } as const;

export class OrgService {
  constructor(private readonly deps: OrgServiceDeps) {}

  async getOrganization(principal: Principal): Promise<Organization> {
    const org = await store.findOrganization(this.deps.db, principal.orgId);
    if (!org) throw notFound('Organization');
    return presentOrganization(org);
  }

  async updateOrganization(principal: Principal, changes: { name?: string; plan?: Plan }): Promise<Organization> {
    const org = await store.updateOrganization(this.deps.db, principal.orgId, changes);
    if (!org) throw notFound('Organization');
    const presented = presentOrganization(org);
    this.deps.bus.publish({ topic: 'members', type: 'organization_updated', orgId: org.id, data: presented });
    return presented;
  }

  async listMembers(principal: Principal): Promise<MembersList> {
    const members = (await store.listMembers(this.deps.db, principal.orgId)).map(presentMember);
    const invitations = principal.can('create', 'Invitation')
      ? (await store.listPendingInvitations(this.deps.db, principal.orgId, this.deps.clock.now())).map(
          presentInvitation,
        )
      : [];
    return { members, invitations };
  }

  /** Invites someone by email; the link carries a one-time secret shown only in this response. */
  async invite(principal: Principal, body: InviteMemberBody): Promise<InviteMemberResult> {
    if (await store.isEmailRegistered(this.deps.db, body.email)) {
      throw conflict('email_taken', 'An account with this email already exists');
    }
    const now = this.deps.clock.now();
    const secret = generateSecret('inv_');
    const invitation = await store.replaceInvitation(
      this.deps.db,
      {
        id: randomUUID(),
        orgId: principal.orgId,
        email: body.email,
        role: body.role,
        tokenHash: hashSecret(secret),
        invitedBy: principal.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.deps.invitationTtlHours * 3_600_000),
      },
      now,
    );
    const inviteUrl = `${this.deps.publicUrl}/accept-invite?token=${encodeURIComponent(secret)}`;
    return { invitation: presentInvitation(invitation), inviteUrl };
  }

  async revokeInvitation(principal: Principal, invitationId: string): Promise<void> {
    if (!(await store.revokeInvitation(this.deps.db, principal.orgId, invitationId, this.deps.clock.now()))) {
      throw notFound('Invitation');
    }
  }

  async changeRole(principal: Principal, userId: string, role: Role): Promise<Member> {
    await this.changeMember(principal.orgId, userId, { role });
    const member = await store.findMember(this.deps.db, principal.orgId, userId);
    if (!member) throw notFound('Member');
    const presented = presentMember(member);
    this.deps.bus.publish({
      topic: 'members',
      type: 'member_updated',
      orgId: principal.orgId,
      data: presented,
      access: memberAccess,
    });
    return presented;
  }

  async removeMember(principal: Principal, userId: string): Promise<void> {
    await this.changeMember(principal.orgId, userId, 'remove');
    this.deps.bus.publish({
      topic: 'members',
      type: 'member_removed',
      orgId: principal.orgId,
      data: { id: userId },
      access: memberAccess,
    });
  }

  /** Announces a member who joined (by invitation). */
  announceMember(orgId: string, member: Member): void {
    this.deps.bus.publish({ topic: 'members', type: 'member_added', orgId, data: member, access: memberAccess });
  }

  private async changeMember(orgId: string, userId: string, change: { role: string } | 'remove'): Promise<void> {
    const outcome = await store.changeMemberKeepingAnAdmin(this.deps.db, orgId, userId, change);
    if (outcome === 'not_found') throw notFound('Member');
    if (outcome === 'last_admin') {
      throw new AppError('last_admin', 409, 'The organization must keep at least one ADMIN');
    }
  }
}
