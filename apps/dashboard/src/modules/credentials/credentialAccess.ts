// What the caller may do with a credential, mirroring the studio's role rules to hide useless buttons.
// The server decides; these only keep the page honest about what will work.
import type { Credential, Role } from '@mcp-studio/protocol';
import { hasRole } from '../../auth/roles';

const isOwner = (userId: string, credential: Credential) => credential.ownerUserId === userId;

/** Everyone but viewers may store credentials of their own. */
export const canCreateCredential = (role: Role) => role !== 'VIEWER';

/** Managers reveal any value; viewers none; others their own, those shared with them and public ones. */
export function canRevealCredential(role: Role, userId: string, credential: Credential): boolean {
  if (role === 'VIEWER') return false;
  if (hasRole(role, 'MANAGER')) return true;
  return (
    isOwner(userId, credential) || credential.sharedWith.userIds.includes(userId) || credential.visibility === 'public'
  );
}

/** Managers manage every credential; operators and users only their own. */
export function canManageCredential(role: Role, userId: string, credential: Credential): boolean {
  if (role === 'VIEWER') return false;
  return hasRole(role, 'MANAGER') || isOwner(userId, credential);
}

/** The member list (for sharing and naming people) is closed to the USER role. */
export const canListMembers = (role: Role) => hasRole(role, 'VIEWER');
