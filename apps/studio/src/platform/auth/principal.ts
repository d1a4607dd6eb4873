// Who is calling: a signed-in user (session) or an API token, with the abilities of its role.
import type { Role } from '@mcp-studio/protocol';
import { type Action, type AppAbility, asSubject, defineAbilityFor, type Subject } from './abilities.js';
import { hasPermission, requiredPermission } from './permissions.js';

export interface PrincipalInit {
  kind: 'session' | 'api_token';
  userId: string;
  orgId: string;
  role: Role;
  sessionId?: string;
  tokenId?: string;
  /** API tokens only; a session may do whatever its role allows. */
  permissions?: string[];
}

export class Principal {
  readonly kind: PrincipalInit['kind'];
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
  readonly sessionId: string | undefined;
  readonly tokenId: string | undefined;
  readonly permissions: string[] | undefined;
  readonly ability: AppAbility;

  constructor(init: PrincipalInit) {
    this.kind = init.kind;
    this.userId = init.userId;
    this.orgId = init.orgId;
    this.role = init.role;
    this.sessionId = init.sessionId;
    this.tokenId = init.tokenId;
    this.permissions = init.permissions;
    this.ability = defineAbilityFor({ id: init.userId, role: init.role });
  }

  /** Whether the token's scopes allow this kind of action (role rules are checked separately). */
  isScopeAllowed(action: Action, subject: Exclude<Subject, 'all'>): boolean {
    return !this.permissions || hasPermission(this.permissions, requiredPermission(action, subject));
  }

  /** Type-level check: could this principal do `action` on some `subject`? */
  can(action: Action, subject: Exclude<Subject, 'all'>): boolean {
    return this.isScopeAllowed(action, subject) && this.ability.can(action, subject);
  }

  /** Object-level check against one row's fields. */
  canOn(action: Action, subject: Exclude<Subject, 'all'>, object: Record<string, unknown>): boolean {
    // The object's fields are whatever that subject's rules read; CASL matches them at run time.
    const target = asSubject(subject, { ...object }) as unknown as Parameters<AppAbility['can']>[1];
    return this.isScopeAllowed(action, subject) && this.ability.can(action, target);
  }
}
