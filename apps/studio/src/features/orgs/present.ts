// The only place that turns organization, member and invitation rows into JSON.
import type { Invitation, Member, Organization, Plan, Role } from '@mcp-studio/protocol';
import type { OrganizationRow } from '../auth/store.js';
import type { InvitationRow, MemberRow } from './store.js';

export function presentOrganization(org: OrganizationRow): Organization {
  return { id: org.id, name: org.name, plan: org.plan as Plan, createdAt: org.createdAt.toISOString() };
}

export function presentMember(member: MemberRow): Member {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role as Role,
    createdAt: member.createdAt.toISOString(),
  };
}

export function presentInvitation(invitation: InvitationRow): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role as Role,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
