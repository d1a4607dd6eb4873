// The role matrix: what each role gets from every organization, token and credential route, as tables.
import type { Role, SessionTokens } from '@mcp-studio/protocol';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  bearer,
  organizationWithEveryRole,
  startTestStudio,
  type TestStudio,
  uniqueEmail,
} from './harness.js';

const ROLES = ['ADMIN', 'MANAGER', 'OPERATOR', 'VIEWER', 'USER'] as const satisfies readonly Role[];
/** The status each role gets, in the order of ROLES. */
type Statuses = readonly [admin: number, manager: number, operator: number, viewer: number, user: number];

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

type CredentialCase = 'adminPrivate' | 'internal' | 'public' | 'own' | 'shared' | 'othersPrivate';
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

const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

type Method = NonNullable<InjectOptions['method']>;
/** What a call did: its response, and optionally whether its change reached the database. */
interface Outcome {
  res: LightMyRequestResponse;
  /** Answers whether the change the call asked for is now visible; checked against the status. */
  landed?: () => Promise<boolean>;
  /** A secret the response must not contain (unless the call is a permitted reveal). */
  secret?: string;
}

let studio: TestStudio;
let team: Record<Role, SessionTokens>;
/** A member outside the matrix who owns "another member's" tokens and credentials. */
let other: SessionTokens;
/** The member credentials get shared with in the share calls. */
let grantee: SessionTokens;

beforeAll(async () => {
  studio = await startTestStudio();
  team = await organizationWithEveryRole(studio.app);
  other = await addMember(studio.app, team.ADMIN.accessToken, 'OPERATOR');
  grantee = await addMember(studio.app, team.ADMIN.accessToken, 'USER');
});
afterAll(() => studio.close());

const send = (token: string | null, method: Method, url: string, payload?: object) =>
  studio.app.inject({
    method,
    url,
    headers: token ? bearer(token) : {},
    ...(payload === undefined ? {} : { payload }),
  });
const tokenOf = (role: Role) => team[role].accessToken;
const admin = () => team.ADMIN.accessToken;

let sequence = 0;
const unique = (label: string) => {
  sequence += 1;
  return `${label}-${sequence}`;
};

function expectStatus(res: LightMyRequestResponse, status: number): void {
  expect(res.statusCode, res.body).toBe(status);
  if (status >= 400) {
    expect(res.json()).toEqual({
      error: { code: ERROR_CODES[status], message: expect.any(String) },
      requestId: expect.any(String),
    });
  }
}

async function ok(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function setRole(userId: string, role: Role): Promise<void> {
  await ok(await send(admin(), 'PATCH', `/api/org/members/${userId}`, { role }), 200);
}

async function createCredential(token: string, visibility: 'private' | 'internal' | 'public') {
  const value = `secret-${unique('value')}-${Math.random().toString(36).slice(2)}`;
  const body = await ok(
    await send(token, 'POST', '/api/credentials', { name: unique('cred'), type: 'api_key', visibility, value }),
    201,
  );
  return { id: body.id as string, value };
}

/** A VIEWER cannot create credentials; it owns one only by having created it under a higher role. */
async function createAsDemotedViewer() {
  await setRole(team.VIEWER.user.id, 'OPERATOR');
  try {
    return await createCredential(tokenOf('VIEWER'), 'private');
  } finally {
    await setRole(team.VIEWER.user.id, 'VIEWER');
  }
}

async function credentialFor(kind: CredentialCase, caller: Role) {
  switch (kind) {
    case 'adminPrivate':
      return createCredential(admin(), 'private');
    case 'internal':
      return createCredential(admin(), 'internal');
    case 'public':
      return createCredential(admin(), 'public');
    case 'own':
      return caller === 'VIEWER' ? createAsDemotedViewer() : createCredential(tokenOf(caller), 'private');
    case 'shared': {
      const created = await createCredential(other.accessToken, 'private');
      const share = { userIds: [team[caller].user.id] };
      await ok(await send(other.accessToken, 'POST', `/api/credentials/${created.id}/share`, share), 200);
      return created;
    }
    case 'othersPrivate':
      return createCredential(other.accessToken, 'private');
  }
}

/** The ADMIN's view of a credential, or null once it is gone. */
async function adminView(id: string) {
  const res = await send(admin(), 'GET', `/api/credentials/${id}`);
  return res.statusCode === 404 ? null : ok(res, 200);
}

async function createToken(token: string) {
  const body = await ok(await send(token, 'POST', '/api/tokens', { name: unique('token'), permissions: ['*'] }), 201);
  return { id: body.apiToken.id as string, secret: body.token as string };
}

async function invite() {
  const body = await ok(
    await send(admin(), 'POST', '/api/org/members', { email: uniqueEmail('invitee'), role: 'USER' }),
    201,
  );
  return body.invitation.id as string;
}

async function adminMembers(): Promise<{ members: { id: string; role: Role }[]; invitations: { id: string }[] }> {
  return ok(await send(admin(), 'GET', '/api/org/members'), 200);
}

const isAuthenticating = async (secret: string) => (await send(secret, 'GET', '/api/auth/me')).statusCode === 200;

const ORG_AND_TOKEN_CALLS: Record<OrgAndTokenRoute, (role: Role) => Promise<Outcome>> = {
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
    const landed = async () => (await adminMembers()).members.find((m) => m.id === member.user.id)?.role === 'OPERATOR';
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

const CREDENTIAL_CALLS: Record<
  CredentialRoute,
  (role: Role, credential: { id: string; value: string }) => Promise<Outcome>
> = {
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

async function expectOutcome(outcome: Outcome, status: number, mayShowSecret = false): Promise<void> {
  expectStatus(outcome.res, status);
  if (outcome.secret && !mayShowSecret) expect(outcome.res.body).not.toContain(outcome.secret);
  if (outcome.landed) expect(await outcome.landed()).toBe(status < 300);
}

describe('role matrix: organization, members, invitations, tokens, credentials', () => {
  const rows = Object.entries(ORG_AND_TOKEN_MATRIX).flatMap(([route, statuses]) =>
    ROLES.map((role, i) => ({ route: route as OrgAndTokenRoute, role, status: statuses[i]! })),
  );

  for (const { route, role, status } of rows) {
    it(`${route} as ${role} → ${status}`, async () => {
      await expectOutcome(await ORG_AND_TOKEN_CALLS[route](role), status);
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
      const credential = await credentialFor(kind, role);
      const outcome = await CREDENTIAL_CALLS[route](role, credential);
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
      const credential = await credentialFor(kind, role);
      const res = await send(tokenOf(role), 'GET', '/api/credentials');
      expect(res.statusCode).toBe(200);
      expect(res.json().credentials.some((c: { id: string }) => c.id === credential.id)).toBe(isListed);
      expect(res.body).not.toContain(credential.value);
    });
  }
});

describe('members list', () => {
  it('shows pending invitations to the ADMIN only', async () => {
    const id = await invite();
    for (const role of ROLES.filter((r) => r !== 'USER')) {
      const invitations = (await ok(await send(tokenOf(role), 'GET', '/api/org/members'), 200)).invitations;
      expect(
        invitations.some((i: { id: string }) => i.id === id),
        role,
      ).toBe(role === 'ADMIN');
    }
  });
});

describe('API token scopes', () => {
  const tokenWith = async (role: Role, permissions: string[]) =>
    (await ok(await send(tokenOf(role), 'POST', '/api/tokens', { name: unique('scoped'), permissions }), 201))
      .token as string;

  it('lets a credentials:read token list credentials, but not create one or reveal a value', async () => {
    const credential = await createCredential(admin(), 'private');
    const readOnly = await tokenWith('ADMIN', ['credentials:read']);

    const list = await send(readOnly, 'GET', '/api/credentials');
    expect(list.statusCode).toBe(200);
    expect(list.json().credentials.map((c: { id: string }) => c.id)).toContain(credential.id);
    expect((await send(readOnly, 'GET', `/api/credentials/${credential.id}`)).statusCode).toBe(200);

    const name = unique('by-read-token');
    const create = await send(readOnly, 'POST', '/api/credentials', { name, type: 'api_key', value: 'v-123' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('insufficient_scope');
    const reveal = await send(readOnly, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('insufficient_scope');
    expect(reveal.body).not.toContain(credential.value);

    const names = (await ok(await send(admin(), 'GET', '/api/credentials'), 200)).credentials.map(
      (c: { name: string }) => c.name,
    );
    expect(names).not.toContain(name);
  });

  it('refuses a credentials:read token on other areas with insufficient_scope', async () => {
    const readOnly = await tokenWith('ADMIN', ['credentials:read']);
    for (const [method, url] of [
      ['GET', '/api/org'],
      ['GET', '/api/org/members'],
      ['GET', '/api/tokens'],
    ] as const) {
      const res = await send(readOnly, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('insufficient_scope');
    }
  });

  it("never lets a VIEWER's * token reveal a value or create a credential", async () => {
    const credential = await createCredential(admin(), 'public');
    const everything = await tokenWith('VIEWER', ['*']);
    expect((await send(everything, 'GET', `/api/credentials/${credential.id}`)).statusCode).toBe(200);
    const reveal = await send(everything, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('forbidden');
    expect(reveal.body).not.toContain(credential.value);
    const create = await send(everything, 'POST', '/api/credentials', {
      name: unique('v'),
      type: 'api_key',
      value: 'x',
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
  });

  it('lets a credentials:* token reveal what its owner may reveal', async () => {
    const credential = await createCredential(tokenOf('OPERATOR'), 'private');
    const all = await tokenWith('OPERATOR', ['credentials:*']);
    const reveal = await send(all, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ value: credential.value });
  });

  it('lets a reveal-only token reveal, but not read the metadata, and never answers "not found"', async () => {
    const credential = await createCredential(admin(), 'private');
    const revealOnly = await tokenWith('ADMIN', ['credentials:reveal']);
    const value = await send(revealOnly, 'GET', `/api/credentials/${credential.id}/value`);
    expect(value.statusCode, value.body).toBe(200);
    expect(value.json()).toEqual({ value: credential.value });
    const metadata = await send(revealOnly, 'GET', `/api/credentials/${credential.id}`);
    expect(metadata.statusCode).toBe(403);
    expect(metadata.json().error.code).toBe('insufficient_scope');
  });
});

describe('unauthenticated callers', () => {
  let ids: { credential: string; member: string; invitation: string; token: string; secret: string };
  let credentialValue: string;
  const bearers: Record<string, () => Promise<string | null>> = {
    'no bearer': async () => null,
    'a garbage bearer': async () => 'not-a-real-token',
    'a revoked API token': async () => {
      const token = await createToken(tokenOf('OPERATOR'));
      await ok(await send(tokenOf('OPERATOR'), 'POST', `/api/tokens/${token.id}/revoke`), 200);
      return token.secret;
    },
    'the access token of a signed-out session': async () => {
      const member = await addMember(studio.app, admin(), 'MANAGER');
      expect((await send(member.accessToken, 'POST', '/api/auth/logout', {})).statusCode).toBe(204);
      return member.accessToken;
    },
  };

  beforeAll(async () => {
    const credential = await createCredential(admin(), 'public');
    credentialValue = credential.value;
    const token = await createToken(tokenOf('USER'));
    ids = {
      credential: credential.id,
      member: team.USER.user.id,
      invitation: await invite(),
      token: token.id,
      secret: token.secret,
    };
  });

  const PROTECTED: { route: string; call: (bearerToken: string | null) => Promise<LightMyRequestResponse> }[] = [
    { route: 'GET /api/auth/me', call: (b) => send(b, 'GET', '/api/auth/me') },
    { route: 'POST /api/auth/logout', call: (b) => send(b, 'POST', '/api/auth/logout', {}) },
    { route: 'GET /api/org', call: (b) => send(b, 'GET', '/api/org') },
    { route: 'PATCH /api/org', call: (b) => send(b, 'PATCH', '/api/org', { name: 'Hijacked' }) },
    { route: 'GET /api/org/members', call: (b) => send(b, 'GET', '/api/org/members') },
    {
      route: 'POST /api/org/members',
      call: (b) => send(b, 'POST', '/api/org/members', { email: uniqueEmail('anon'), role: 'ADMIN' }),
    },
    {
      route: 'PATCH /api/org/members/:id',
      call: (b) => send(b, 'PATCH', `/api/org/members/${ids.member}`, { role: 'ADMIN' }),
    },
    { route: 'DELETE /api/org/members/:id', call: (b) => send(b, 'DELETE', `/api/org/members/${ids.member}`) },
    {
      route: 'DELETE /api/org/invitations/:id',
      call: (b) => send(b, 'DELETE', `/api/org/invitations/${ids.invitation}`),
    },
    { route: 'POST /api/tokens', call: (b) => send(b, 'POST', '/api/tokens', { name: 'anon', permissions: ['*'] }) },
    { route: 'GET /api/tokens', call: (b) => send(b, 'GET', '/api/tokens') },
    { route: 'GET /api/tokens?scope=org', call: (b) => send(b, 'GET', '/api/tokens?scope=org') },
    { route: 'POST /api/tokens/:id/revoke', call: (b) => send(b, 'POST', `/api/tokens/${ids.token}/revoke`) },
    { route: 'DELETE /api/tokens/:id', call: (b) => send(b, 'DELETE', `/api/tokens/${ids.token}`) },
    {
      route: 'POST /api/credentials',
      call: (b) => send(b, 'POST', '/api/credentials', { name: 'anon', type: 'api_key', value: 'anon-value' }),
    },
    { route: 'GET /api/credentials', call: (b) => send(b, 'GET', '/api/credentials') },
    { route: 'GET /api/credentials/:id', call: (b) => send(b, 'GET', `/api/credentials/${ids.credential}`) },
    {
      route: 'PATCH /api/credentials/:id',
      call: (b) => send(b, 'PATCH', `/api/credentials/${ids.credential}`, { description: 'anon' }),
    },
    { route: 'DELETE /api/credentials/:id', call: (b) => send(b, 'DELETE', `/api/credentials/${ids.credential}`) },
    {
      route: 'GET /api/credentials/:id/value',
      call: (b) => send(b, 'GET', `/api/credentials/${ids.credential}/value`),
    },
    {
      route: 'POST /api/credentials/:id/share',
      call: (b) => send(b, 'POST', `/api/credentials/${ids.credential}/share`, { userIds: [ids.member] }),
    },
    {
      route: 'GET /api/credentials/:id/audit',
      call: (b) => send(b, 'GET', `/api/credentials/${ids.credential}/audit`),
    },
  ];

  const rows = PROTECTED.flatMap(({ route, call }) => Object.keys(bearers).map((how) => ({ route, call, how })));

  for (const { route, call, how } of rows) {
    it(`${route} with ${how} → 401`, async () => {
      const res = await call(await bearers[how]!());
      expectStatus(res, 401);
      expect(res.body).not.toContain(credentialValue);
    });
  }

  it('changed nothing: the credential, the member, the invitation and the token are as they were', async () => {
    const credential = await adminView(ids.credential);
    expect(credential).toMatchObject({ id: ids.credential, description: null, sharedWith: { userIds: [] } });
    expect((await ok(await send(admin(), 'GET', `/api/credentials/${ids.credential}/value`), 200)).value).toBe(
      credentialValue,
    );
    const { members, invitations } = await adminMembers();
    expect(members.find((m) => m.id === ids.member)?.role).toBe('USER');
    expect(invitations.map((i) => i.id)).toContain(ids.invitation);
    expect(await isAuthenticating(ids.secret)).toBe(true);
    expect((await ok(await send(admin(), 'GET', '/api/org'), 200)).name).not.toBe('Hijacked');
  });

  const MALFORMED: { route: string; call: () => Promise<LightMyRequestResponse> }[] = [
    { route: 'POST /api/credentials with an empty object', call: () => send(null, 'POST', '/api/credentials', {}) },
    { route: 'GET /api/credentials/:id with a non-UUID id', call: () => send(null, 'GET', '/api/credentials/abc') },
    { route: 'PATCH /api/org with an array', call: () => send(null, 'PATCH', '/api/org', []) },
    { route: 'POST /api/tokens with no permissions', call: () => send(null, 'POST', '/api/tokens', { name: 'x' }) },
  ];

  for (const { route, call } of MALFORMED) {
    it(`refuses ${route} with 401 before examining the input`, async () => {
      const res = await call();
      expectStatus(res, 401);
      expect(res.body).not.toContain('details');
    });
  }
});
