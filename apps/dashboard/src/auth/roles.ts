// Role order, highest first: ADMIN > MANAGER > OPERATOR > VIEWER > USER.
import type { Role } from '@mcp-studio/protocol';

const RANK: Record<Role, number> = { ADMIN: 4, MANAGER: 3, OPERATOR: 2, VIEWER: 1, USER: 0 };

/** True when `role` is `minimum` or above it. */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
