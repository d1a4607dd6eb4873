// The role matrix: what each role gets from every organization, token and credential route, as tables.
import type { Role } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, uniqueEmail } from './harness.js';
import {
  type CredentialCase,
  expectOutcome,
  type MatrixFixture,
  type Outcome,
  ok,
  ROLES,
  type Statuses,
  startMatrixFixture,
} from './roleMatrixFixture.js';

type OrgAndTokenRoute =
  | 'GET /api/org'
  | 'PATCH /api/org'
  | 'GET /api/org/members'
  | 'POST /api/org/members'
  | 'PATCH /api/org/members/:id'
  | 'DELETE /api/org/members/:id'
  | 'DELETE /api/org/invitations/:id'
  | 'POST /api/tokens'
  | 'GET /api/tokens'
  | 'GET /api/tokens?scope=org'
  | 'POST /api/tokens/:id/revoke (own token)'
  | "POST /api/tokens/:id/revoke (another member's token)"
  | 'DELETE /api/tokens/:id (own token)'
  | "DELETE /api/tokens/:id (another member's token)"
  | 'POST /api/credentials'
  | 'GET /api/credentials';

// Derived by hand from platform/auth/abilities.ts and the services (tokens: someone else's is 404 unless ADMIN).
// biome-ignore format: the table is aligned so the whole matrix reads at a glance
const ORG_AND_TOKEN_MATRIX: Record<OrgAndTokenRoute, Statuses> = {
  //                                                      ADMIN MANAGER OPERATOR VIEWER USER
  'GET /api/org':                                         [200,  200,    200,     200,   200],
  'PATCH /api/org':                                       [200,  403,    403,     403,   403],
  'GET /api/org/members':                                 [200,  200,    200,     200,   403],
  'POST /api/org/members':                                [201,  403,    403,     403,   403],
  'PATCH /api/org/members/:id':                           [200,  403,    403,     403,   403],
  'DELETE /api/org/members/:id':                          [204,  403,    403,     403,   403],
  'DELETE /api/org/invitations/:id':                      [204,  403,    403,     403,   403],
  'POST /api/tokens':                                     [201,  201,    201,     201,   201],
  'GET /api/tokens':                                      [200,  200,    200,     200,   200],
  'GET /api/tokens?scope=org':                            [200,  403,    403,     403,   403],
  'POST /api/tokens/:id/revoke (own token)':              [200,  200,    200,     200,   200],
  "POST /api/tokens/:id/revoke (another member's token)": [200,  404,    404,     404,   404],
  'DELETE /api/tokens/:id (own token)':                   [204,  204,    204,     204,   204],
  "DELETE /api/tokens/:id (another member's token)":      [204,  404,    404,     404,   404],
  'POST /api/credentials':                                [201,  201,    201,     403,   201],
  'GET /api/credentials':                                 [200,  200,    200,     200,   200],
};

const CREDENTIAL_CASES: Record<CredentialCase, string> = {
  adminPrivate: 'a private credential owned by the ADMIN',
  internal: 'an internal credential owned by the ADMIN',
  public: 'a public credential owned by the ADMIN',
  own: "the caller's own private credential",
  shared: "another member's private credential shared with the caller",
  othersPrivate: "another member's private credential, not shared",
};

type CredentialRoute =
  | 'GET /api/credentials/:id'
  | 'PATCH /api/credentials/:id'
  | 'DELETE /api/credentials/:id'
  | 'GET /api/credentials/:id/value'
  | 'POST /api/credentials/:id/share'
  | 'GET /api/credentials/:id/audit';

// A credential the caller may not read answers 404; one it may read but not act on answers 403; a role with no rule
// at all for the action answers 403 before the row is looked up. A VIEWER owns a credential only after a demotion.
// biome-ignore format: the table is aligned so the whole matrix reads at a glance
const CREDENTIAL_MATRIX: Record<CredentialRoute, Record<CredentialCase, Statuses>> = {
  //                               ADMIN MANAGER OPERATOR VIEWER USER
  'GET /api/credentials/:id': {
    adminPrivate:                  [200,  200,    404,     404,   404],
    internal:                      [200,  200,    200,     200,   200],
    public:                        [200,  200,    200,     200,   200],
    own:                           [200,  200,    200,     404,   200],
    shared:                        [200,  200,    200,     200,   200],
    othersPrivate:                 [200,  200,    404,     404,   404],
  },
  'PATCH /api/credentials/:id': {
    adminPrivate:                  [200,  200,    404,     403,   404],
    internal:                      [200,  200,    403,     403,   403],
    public:                        [200,  200,    403,     403,   403],
    own:                           [200,  200,    200,     403,   200],
    shared:                        [200,  200,    403,     403,   403],
    othersPrivate:                 [200,  200,    404,     403,   404],
  },
  'DELETE /api/credentials/:id': {
    adminPrivate:                  [204,  204,    404,     403,   404],
    internal:                      [204,  204,    403,     403,   403],
    public:                        [204,  204,    403,     403,   403],
    own:                           [204,  204,    204,     403,   204],
    shared:                        [204,  204,    403,     403,   403],
    othersPrivate:                 [204,  204,    404,     403,   404],
  },
  'GET /api/credentials/:id/value': {
    adminPrivate:                  [200,  200,    404,     403,   404],
    internal:                      [200,  200,    403,     403,   403],
    public:                        [200,  200,    200,     403,   200],
    own:                           [200,  200,    200,     403,   200],
    shared:                        [200,  200,    200,     403,   200],
    othersPrivate:                 [200,  200,    404,     403,   404],
  },
  'POST /api/credentials/:id/share': {
    adminPrivate:                  [200,  200,    404,     403,   404],
    internal:                      [200,  200,    403,     403,   403],
    public:                        [200,  200,    403,     403,   403],
    own:                           [200,  200,    200,     403,   200],
    shared:                        [200,  200,    403,     403,   403],
    othersPrivate:                 [200,  200,    404,     403,   404],
  },
  'GET /api/credentials/:id/audit': {
    adminPrivate:                  [200,  200,    404,     404,   404],
    internal:                      [200,  200,    200,     200,   200],
    public:                        [200,  200,    200,     200,   200],
    own:                           [200,  200,    200,     404,   200],
    shared:                        [200,  200,    200,     200,   200],
    othersPrivate:                 [200,  200,    404,     404,   404],
  },
};

let fx: MatrixFixture;

beforeAll(async () => {
  fx = await startMatrixFixture();
});
afterAll(() => fx?.close());

/** How each organization and token route is called as a role, against one fixture. */
function orgAndTokenCalls({
  studio,
  team,
  other,
  send,
  tokenOf,
  admin,
  unique,
  createToken,
  invite,
  adminMembers,
  isAuthenticating,
}: MatrixFixture): Record<OrgAndTokenRoute, (role: Role) => Promise<Outcome>> {
  return {
    'GET /api/org': async (role) => {
      const res = await send(tokenOf(role), 'GET', '/api/org');
      if (res.statusCode === 200) expect(res.json()).toMatchObject({ name: expect.any(String), plan: 'FREE' });
      return { res };
    },
    'PATCH /api/org': async (role) => {
      const name = unique('Acme');
      const res = await send(tokenOf(role), 'PATCH', '/api/org', { name });
      return { res, landed: async () => (await ok(await send(admin(), 'GET', '/api/org'), 200)).name === name };
    },
    'GET /api/org/members': async (role) => {
      const res = await send(tokenOf(role), 'GET', '/api/org/members');
      if (res.statusCode === 200) {
        const ids = res.json().members.map((m: { id: string }) => m.id);
        expect(ids).toEqual(expect.arrayContaining(ROLES.map((r) => team[r].user.id)));
      }
      return { res };
    },
    'POST /api/org/members': async (role) => {
      const email = uniqueEmail('invited');
      const res = await send(tokenOf(role), 'POST', '/api/org/members', { email, role: 'USER' });
      const landed = async () =>
        (await ok(await send(admin(), 'GET', '/api/org/members'), 200)).invitations.some(
          (i: { email: string }) => i.email === email,
        );
      return { res, landed };
    },
    'PATCH /api/org/members/:id': async (role) => {
      const member = await addMember(studio.app, admin(), 'USER');
      const res = await send(tokenOf(role), 'PATCH', `/api/org/members/${member.user.id}`, { role: 'OPERATOR' });
      const landed = async () =>
        (await adminMembers()).members.find((m) => m.id === member.user.id)?.role === 'OPERATOR';
      return { res, landed };
    },
    'DELETE /api/org/members/:id': async (role) => {
      const member = await addMember(studio.app, admin(), 'USER');
      const res = await send(tokenOf(role), 'DELETE', `/api/org/members/${member.user.id}`);
      const landed = async () => !(await adminMembers()).members.some((m) => m.id === member.user.id);
      return { res, landed };
    },
    'DELETE /api/org/invitations/:id': async (role) => {
      const id = await invite();
      const res = await send(tokenOf(role), 'DELETE', `/api/org/invitations/${id}`);
      return { res, landed: async () => !(await adminMembers()).invitations.some((i) => i.id === id) };
    },
    'POST /api/tokens': async (role) => {
      const name = unique('token');
      const res = await send(tokenOf(role), 'POST', '/api/tokens', { name, permissions: ['credentials:read'] });
      const landed = async () =>
        (await ok(await send(tokenOf(role), 'GET', '/api/tokens'), 200)).tokens.some(
          (t: { name: string }) => t.name === name,
        );
      return { res, landed };
    },
    'GET /api/tokens': async (role) => {
      const mine = await createToken(tokenOf(role));
      const res = await send(tokenOf(role), 'GET', '/api/tokens');
      if (res.statusCode === 200) {
        const tokens: { id: string; userId: string }[] = res.json().tokens;
        expect(tokens.map((t) => t.id)).toContain(mine.id);
        expect(tokens.every((t) => t.userId === team[role].user.id)).toBe(true);
      }
      return { res, secret: mine.secret };
    },
    'GET /api/tokens?scope=org': async (role) => {
      const others = await createToken(other.accessToken);
      const res = await send(tokenOf(role), 'GET', '/api/tokens?scope=org');
      if (res.statusCode === 200) expect(res.json().tokens.map((t: { id: string }) => t.id)).toContain(others.id);
      return { res, secret: others.secret };
    },
    'POST /api/tokens/:id/revoke (own token)': async (role) => {
      const mine = await createToken(tokenOf(role));
      const res = await send(tokenOf(role), 'POST', `/api/tokens/${mine.id}/revoke`);
      if (res.statusCode === 200) expect(res.json()).toMatchObject({ id: mine.id, revokedAt: expect.any(String) });
      return { res, landed: async () => !(await isAuthenticating(mine.secret)), secret: mine.secret };
    },
    "POST /api/tokens/:id/revoke (another member's token)": async (role) => {
      const others = await createToken(other.accessToken);
      const res = await send(tokenOf(role), 'POST', `/api/tokens/${others.id}/revoke`);
      return { res, landed: async () => !(await isAuthenticating(others.secret)), secret: others.secret };
    },
    'DELETE /api/tokens/:id (own token)': async (role) => {
      const mine = await createToken(tokenOf(role));
      const res = await send(tokenOf(role), 'DELETE', `/api/tokens/${mine.id}`);
      return { res, landed: async () => !(await isAuthenticating(mine.secret)) };
    },
    "DELETE /api/tokens/:id (another member's token)": async (role) => {
      const others = await createToken(other.accessToken);
      const res = await send(tokenOf(role), 'DELETE', `/api/tokens/${others.id}`);
      const landed = async () =>
        !(await ok(await send(other.accessToken, 'GET', '/api/tokens'), 200)).tokens.some(
          (t: { id: string }) => t.id === others.id,
        );
      return { res, landed };
    },
    'POST /api/credentials': async (role) => {
      const name = unique('created');
      const value = `value-of-${name}`;
      const res = await send(tokenOf(role), 'POST', '/api/credentials', { name, type: 'token', value });
      if (res.statusCode === 201)
        expect(res.json()).toMatchObject({ name, ownerUserId: team[role].user.id, visibility: 'private' });
      const landed = async () =>
        (await ok(await send(admin(), 'GET', '/api/credentials'), 200)).credentials.some(
          (c: { name: string }) => c.name === name,
        );
      return { res, landed, secret: value };
    },
    'GET /api/credentials': async (role) => {
      const res = await send(tokenOf(role), 'GET', '/api/credentials');
      return { res };
    },
  };
}

/** How each route on one credential is called as a role, against one fixture. */
function credentialCalls({
  team,
  grantee,
  send,
  tokenOf,
  admin,
  adminView,
}: MatrixFixture): Record<
  CredentialRoute,
  (role: Role, credential: { id: string; value: string }) => Promise<Outcome>
> {
  return {
    'GET /api/credentials/:id': async (role, { id }) => {
      const res = await send(tokenOf(role), 'GET', `/api/credentials/${id}`);
      if (res.statusCode === 200) expect(res.json()).toMatchObject({ id, hasValue: true });
      return { res };
    },
    'PATCH /api/credentials/:id': async (role, { id }) => {
      const description = `changed by ${role}`;
      const res = await send(tokenOf(role), 'PATCH', `/api/credentials/${id}`, { description });
      if (res.statusCode === 200) expect(res.json()).toMatchObject({ id, description });
      return { res, landed: async () => (await adminView(id))?.description === description };
    },
    'DELETE /api/credentials/:id': async (role, { id }) => {
      const res = await send(tokenOf(role), 'DELETE', `/api/credentials/${id}`);
      return { res, landed: async () => (await adminView(id)) === null };
    },
    'GET /api/credentials/:id/value': async (role, { id, value }) => {
      const res = await send(tokenOf(role), 'GET', `/api/credentials/${id}/value`);
      if (res.statusCode === 200) expect(res.json()).toEqual({ value });
      const landed = async () =>
        (await ok(await send(admin(), 'GET', `/api/credentials/${id}/audit`), 200)).entries.some(
          (e: { action: string; actorId: string }) => e.action === 'revealed' && e.actorId === team[role].user.id,
        );
      return { res, landed };
    },
    'POST /api/credentials/:id/share': async (role, { id }) => {
      const res = await send(tokenOf(role), 'POST', `/api/credentials/${id}/share`, { userIds: [grantee.user.id] });
      const landed = async () => ((await adminView(id))?.sharedWith.userIds ?? []).includes(grantee.user.id);
      return { res, landed };
    },
    'GET /api/credentials/:id/audit': async (role, { id }) => {
      const res = await send(tokenOf(role), 'GET', `/api/credentials/${id}/audit`);
      if (res.statusCode === 200) {
        expect(res.json().entries.map((e: { action: string }) => e.action)).toContain('created');
      }
      return { res };
    },
  };
}

describe('role matrix: organization, members, invitations, tokens, credentials', () => {
  const rows = Object.entries(ORG_AND_TOKEN_MATRIX).flatMap(([route, statuses]) =>
    ROLES.map((role, i) => ({ route: route as OrgAndTokenRoute, role, status: statuses[i]! })),
  );

  for (const { route, role, status } of rows) {
    it(`${route} as ${role} → ${status}`, async () => {
      await expectOutcome(await orgAndTokenCalls(fx)[route](role), status);
    });
  }
});

describe('role matrix: one credential', () => {
  const rows = Object.entries(CREDENTIAL_MATRIX).flatMap(([route, byCase]) =>
    Object.entries(byCase).flatMap(([kind, statuses]) =>
      ROLES.map((role, i) => ({
        route: route as CredentialRoute,
        kind: kind as CredentialCase,
        what: CREDENTIAL_CASES[kind as CredentialCase],
        role,
        status: statuses[i]!,
      })),
    ),
  );

  for (const { route, kind, what, role, status } of rows) {
    it(`${route} on ${what} as ${role} → ${status}`, async () => {
      const credential = await fx.credentialFor(kind, role);
      const outcome = await credentialCalls(fx)[route](role, credential);
      const isReveal = route === 'GET /api/credentials/:id/value' && status === 200;
      await expectOutcome({ ...outcome, secret: credential.value }, status, isReveal);
    });
  }

  const listRows = Object.entries(CREDENTIAL_MATRIX['GET /api/credentials/:id']).flatMap(([kind, statuses]) =>
    ROLES.map((role, i) => ({
      kind: kind as CredentialCase,
      what: CREDENTIAL_CASES[kind as CredentialCase],
      role,
      isListed: statuses[i] === 200,
    })),
  );

  for (const { kind, what, role, isListed } of listRows) {
    it(`GET /api/credentials as ${role} ${isListed ? 'lists' : 'omits'} ${what}`, async () => {
      const credential = await fx.credentialFor(kind, role);
      const res = await fx.send(fx.tokenOf(role), 'GET', '/api/credentials');
      expect(res.statusCode).toBe(200);
      expect(res.json().credentials.some((c: { id: string }) => c.id === credential.id)).toBe(isListed);
      expect(res.body).not.toContain(credential.value);
    });
  }
});

describe('members list', () => {
  it('shows pending invitations to the ADMIN only', async () => {
    const id = await fx.invite();
    for (const role of ROLES.filter((r) => r !== 'USER')) {
      const invitations = (await ok(await fx.send(fx.tokenOf(role), 'GET', '/api/org/members'), 200)).invitations;
      expect(
        invitations.some((i: { id: string }) => i.id === id),
        role,
      ).toBe(role === 'ADMIN');
    }
  });
});
