// The dashboard's permission checks, fed the rules the studio really sends, against the role model it used to restate.
import { type AbilityRule, type Credential, ROLES, type Role } from '@mcp-studio/protocol';
import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '../../../../studio/src/platform/auth/abilities';
import { type AppAbility, buildAbility } from '../../auth/ability';
import { hasRole } from '../../auth/roles';
import { mayAccess } from '../registry';
import { settingsModule } from '../settings/module';
import { canCreateCredential, canListMembers, credentialPermissions } from './credentialAccess';

const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

/** The ability the dashboard builds from `GET /api/auth/me`, i.e. from the studio's rules after JSON. */
function abilityOf(role: Role): AppAbility {
  const rules = JSON.parse(JSON.stringify(defineAbilityFor({ id: ME, role }).rules)) as AbilityRule[];
  return buildAbility(rules);
}

function credential(fields: Partial<Credential>): Credential {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    name: 'c',
    type: 'api_key',
    visibility: 'private',
    description: null,
    metadata: {},
    ownerUserId: OTHER,
    ownerAgentId: null,
    sharedWith: { userIds: [], agentIds: [] },
    hasValue: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  } as Credential;
}

const cases: Record<string, Credential> = {
  own: credential({ ownerUserId: ME }),
  othersPrivate: credential({}),
  othersInternal: credential({ visibility: 'internal' }),
  othersPublic: credential({ visibility: 'public' }),
  sharedWithMe: credential({ sharedWith: { userIds: [OTHER, ME], agentIds: [] } }),
  agentOwned: credential({ ownerUserId: null, ownerAgentId: '00000000-0000-4000-8000-0000000000a1' }),
};

// The hand-written model the dashboard had before it read the server's rules.
const before = {
  create: (role: Role) => role !== 'VIEWER',
  listMembers: (role: Role) => hasRole(role, 'VIEWER'),
  reveal: (role: Role, c: Credential) =>
    role !== 'VIEWER' &&
    (hasRole(role, 'MANAGER') ||
      c.ownerUserId === ME ||
      c.sharedWith.userIds.includes(ME) ||
      c.visibility === 'public'),
  manage: (role: Role, c: Credential) => role !== 'VIEWER' && (hasRole(role, 'MANAGER') || c.ownerUserId === ME),
  admin: (role: Role) => role === 'ADMIN',
};

describe.each(ROLES)('permissions of a %s, from the studio rules', (role) => {
  const ability = abilityOf(role);

  it('creating credentials and listing members', () => {
    expect(canCreateCredential(ability)).toBe(before.create(role));
    expect(canListMembers(ability)).toBe(before.listMembers(role));
  });

  it.each(Object.keys(cases))('a credential that is %s', (name) => {
    const c = cases[name]!;
    expect(credentialPermissions(ability, c)).toEqual({
      reveal: before.reveal(role, c),
      update: before.manage(role, c),
      delete: before.manage(role, c),
      share: before.manage(role, c) && before.listMembers(role),
    });
  });

  it('administering the organization, its members and invitations', () => {
    expect(ability.can('update', 'Organization')).toBe(before.admin(role));
    expect(ability.can('create', 'Invitation')).toBe(before.admin(role));
    expect(ability.can('delete', 'Invitation')).toBe(before.admin(role));
    expect(ability.can('update', 'Member')).toBe(before.admin(role));
    expect(ability.can('delete', 'Member')).toBe(before.admin(role));
  });

  it('seeing the settings pages', () => {
    const viewer = { role, ability };
    const visible = settingsModule.nav.filter((item) => mayAccess(viewer, item)).map((item) => item.path);
    expect(visible).toEqual([
      '/settings/organization',
      ...(before.listMembers(role) ? ['/settings/members'] : []),
      '/settings/tokens',
    ]);
  });
});

describe('an ability without rules', () => {
  it('allows nothing', () => {
    const ability = buildAbility([]);
    expect(canCreateCredential(ability)).toBe(false);
    expect(credentialPermissions(ability, cases.own!)).toEqual({
      reveal: false,
      update: false,
      delete: false,
      share: false,
    });
  });
});
