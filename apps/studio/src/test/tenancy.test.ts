// Tenancy: another organization's ids answer 404 (never 403, never data), and its rows come through untouched.
import type { SessionTokens } from '@mcp-studio/protocol';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, bearer, registerOwner, startTestStudio, type TestStudio, uniqueEmail } from './harness.js';

type Method = NonNullable<InjectOptions['method']>;

interface Credential {
  id: string;
  name: string;
  description: string | null;
  metadata: Record<string, unknown>;
  sharedWith: { userIds: string[]; agentIds: string[] };
}

let studio: TestStudio;
let ownerA: SessionTokens;
let memberA: SessionTokens;
let ownerB: SessionTokens;
let memberB: SessionTokens;
/** Organization B's ADMIN, signed in and through an API token with every permission. */
let callersB: Record<'session' | 'API token (*)', string>;
/** Organization A's rows, as A saw them before B tried anything. */
let a: {
  credential: Credential;
  value: string;
  invitationId: string;
  tokenId: string;
  tokenSecret: string;
  memberTokenId: string;
  memberTokenSecret: string;
};

const send = (token: string, method: Method, url: string, payload?: object) =>
  studio.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });

async function ok(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function createToken(token: string) {
  const body = await ok(await send(token, 'POST', '/api/tokens', { name: 'ci', permissions: ['*'] }), 201);
  return { id: body.apiToken.id as string, secret: body.token as string };
}

beforeAll(async () => {
  studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
  ownerA = await registerOwner(studio.app, 'Organization A');
  memberA = await addMember(studio.app, ownerA.accessToken, 'OPERATOR');
  ownerB = await registerOwner(studio.app, 'Organization B');
  memberB = await addMember(studio.app, ownerB.accessToken, 'OPERATOR');
  callersB = { session: ownerB.accessToken, 'API token (*)': (await createToken(ownerB.accessToken)).secret };

  const value = 'sk-organization-a-only';
  const credential = await ok(
    await send(ownerA.accessToken, 'POST', '/api/credentials', {
      name: 'a-production-key',
      type: 'api_key',
      visibility: 'internal',
      value,
      description: 'A only',
      metadata: { env: 'prod' },
    }),
    201,
  );
  const invitation = await ok(
    await send(ownerA.accessToken, 'POST', '/api/org/members', { email: uniqueEmail('a-invitee'), role: 'MANAGER' }),
    201,
  );
  const token = await createToken(ownerA.accessToken);
  const memberToken = await createToken(memberA.accessToken);
  a = {
    credential,
    value,
    invitationId: invitation.invitation.id,
    tokenId: token.id,
    tokenSecret: token.secret,
    memberTokenId: memberToken.id,
    memberTokenSecret: memberToken.secret,
  };
});
afterAll(() => studio.close());

/** Every route that takes an id, called by B with one of A's ids. */
const FOREIGN_ID_CALLS: { route: string; call: (token: string) => Promise<LightMyRequestResponse> }[] = [
  { route: 'GET /api/credentials/:id', call: (t) => send(t, 'GET', `/api/credentials/${a.credential.id}`) },
  {
    route: 'PATCH /api/credentials/:id',
    call: (t) =>
      send(t, 'PATCH', `/api/credentials/${a.credential.id}`, { description: 'taken over', value: 'overwritten' }),
  },
  { route: 'DELETE /api/credentials/:id', call: (t) => send(t, 'DELETE', `/api/credentials/${a.credential.id}`) },
  { route: 'GET /api/credentials/:id/value', call: (t) => send(t, 'GET', `/api/credentials/${a.credential.id}/value`) },
  {
    route: 'POST /api/credentials/:id/share',
    call: (t) => send(t, 'POST', `/api/credentials/${a.credential.id}/share`, { userIds: [ownerB.user.id] }),
  },
  { route: 'GET /api/credentials/:id/audit', call: (t) => send(t, 'GET', `/api/credentials/${a.credential.id}/audit`) },
  {
    route: "PATCH /api/org/members/:id (A's OPERATOR)",
    call: (t) => send(t, 'PATCH', `/api/org/members/${memberA.user.id}`, { role: 'ADMIN' }),
  },
  {
    route: "PATCH /api/org/members/:id (A's ADMIN)",
    call: (t) => send(t, 'PATCH', `/api/org/members/${ownerA.user.id}`, { role: 'USER' }),
  },
  {
    route: "DELETE /api/org/members/:id (A's OPERATOR)",
    call: (t) => send(t, 'DELETE', `/api/org/members/${memberA.user.id}`),
  },
  {
    route: "DELETE /api/org/members/:id (A's ADMIN)",
    call: (t) => send(t, 'DELETE', `/api/org/members/${ownerA.user.id}`),
  },
  {
    route: 'DELETE /api/org/invitations/:id',
    call: (t) => send(t, 'DELETE', `/api/org/invitations/${a.invitationId}`),
  },
  {
    route: "POST /api/tokens/:id/revoke (A's ADMIN's token)",
    call: (t) => send(t, 'POST', `/api/tokens/${a.tokenId}/revoke`),
  },
  {
    route: "POST /api/tokens/:id/revoke (A's OPERATOR's token)",
    call: (t) => send(t, 'POST', `/api/tokens/${a.memberTokenId}/revoke`),
  },
  { route: "DELETE /api/tokens/:id (A's ADMIN's token)", call: (t) => send(t, 'DELETE', `/api/tokens/${a.tokenId}`) },
  {
    route: "DELETE /api/tokens/:id (A's OPERATOR's token)",
    call: (t) => send(t, 'DELETE', `/api/tokens/${a.memberTokenId}`),
  },
];

/** What A sees must be exactly what it saw before: same credential fields, value, members, invitation, tokens. */
async function expectOrganizationAUntouched(): Promise<void> {
  const credential = await ok(await send(ownerA.accessToken, 'GET', `/api/credentials/${a.credential.id}`), 200);
  expect(credential).toEqual(a.credential);
  const value = await ok(await send(ownerA.accessToken, 'GET', `/api/credentials/${a.credential.id}/value`), 200);
  expect(value).toEqual({ value: a.value });
  const audit = await ok(await send(ownerA.accessToken, 'GET', `/api/credentials/${a.credential.id}/audit`), 200);
  expect(audit.entries.filter((e: { actorId: string }) => e.actorId !== ownerA.user.id)).toEqual([]);

  const { members, invitations } = await ok(await send(ownerA.accessToken, 'GET', '/api/org/members'), 200);
  expect(members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
    [ownerA.user.id, 'ADMIN'],
    [memberA.user.id, 'OPERATOR'],
  ]);
  expect(invitations.map((i: { id: string }) => i.id)).toEqual([a.invitationId]);

  const tokens = await ok(await send(ownerA.accessToken, 'GET', '/api/tokens?scope=org'), 200);
  const byId = new Map(tokens.tokens.map((t: { id: string; revokedAt: string | null }) => [t.id, t.revokedAt]));
  expect(byId.get(a.tokenId)).toBeNull();
  expect(byId.get(a.memberTokenId)).toBeNull();
  expect((await send(a.tokenSecret, 'GET', '/api/auth/me')).statusCode).toBe(200);
  expect((await send(a.memberTokenSecret, 'GET', '/api/auth/me')).statusCode).toBe(200);
  expect((await send(memberA.accessToken, 'GET', '/api/auth/me')).json().user.role).toBe('OPERATOR');
}

describe("organization B's ADMIN using organization A's ids", () => {
  const rows = FOREIGN_ID_CALLS.flatMap(({ route, call }) =>
    (['session', 'API token (*)'] as const).map((via) => ({ route, call, via })),
  );

  for (const { route, call, via } of rows) {
    it(`${route} via ${via} → 404 not_found, and A keeps its rows`, async () => {
      const res = await call(callersB[via]);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'not_found', message: expect.any(String) },
        requestId: expect.any(String),
      });
      for (const leak of [a.value, a.credential.name, 'A only', ownerA.user.email, memberA.user.email]) {
        expect(res.body).not.toContain(leak);
      }
      await expectOrganizationAUntouched();
    });
  }
});

describe("organization B's lists", () => {
  const idsOfA = () => [a.credential.id, ownerA.user.id, memberA.user.id, a.invitationId, a.tokenId, a.memberTokenId];

  it.each([
    ['GET /api/credentials', '/api/credentials'],
    ['GET /api/org/members', '/api/org/members'],
    ['GET /api/tokens?scope=org', '/api/tokens?scope=org'],
    ['GET /api/org', '/api/org'],
  ])('%s contains none of A’s ids', async (_route, url) => {
    const res = await send(ownerB.accessToken, 'GET', url);
    expect(res.statusCode).toBe(200);
    for (const id of idsOfA()) expect(res.body).not.toContain(id);
    for (const leak of [a.credential.name, ownerA.user.email, memberA.user.email, 'Organization A']) {
      expect(res.body).not.toContain(leak);
    }
  });

  it('shows B its own rows, so the lists above are not empty by accident', async () => {
    const credential = await ok(
      await send(ownerB.accessToken, 'POST', '/api/credentials', { name: 'b-key', type: 'token', value: 'b-value' }),
      201,
    );
    const credentials = await ok(await send(ownerB.accessToken, 'GET', '/api/credentials'), 200);
    expect(credentials.credentials.map((c: { id: string }) => c.id)).toContain(credential.id);
    const members = await ok(await send(ownerB.accessToken, 'GET', '/api/org/members'), 200);
    expect(members.members.map((m: { id: string }) => m.id).sort()).toEqual([ownerB.user.id, memberB.user.id].sort());
    const tokens = await ok(await send(ownerB.accessToken, 'GET', '/api/tokens?scope=org'), 200);
    expect(tokens.tokens.length).toBeGreaterThan(0);
    expect(tokens.tokens.every((t: { userId: string }) => [ownerB.user.id, memberB.user.id].includes(t.userId))).toBe(
      true,
    );
    expect((await ok(await send(ownerB.accessToken, 'GET', '/api/org'), 200)).name).toBe('Organization B');
  });
});

describe('sharing across organizations', () => {
  const createB = async (name: string) =>
    (
      await ok(
        await send(ownerB.accessToken, 'POST', '/api/credentials', { name, type: 'password', value: `${name}-value` }),
        201,
      )
    ).id as string;

  it.each([
    ["A's member", () => [memberA.user.id]],
    ["A's ADMIN", () => [ownerA.user.id]],
    ["B's own member and A's member together", () => [memberB.user.id, memberA.user.id]],
  ])("refuses B sharing B's credential with %s: 400, and nothing is shared", async (_who, userIds) => {
    const id = await createB(`b-shared-${Math.random().toString(36).slice(2)}`);
    const res = await send(ownerB.accessToken, 'POST', `/api/credentials/${id}/share`, { userIds: userIds() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'bad_request', message: expect.stringContaining('member of this organization') },
      requestId: expect.any(String),
    });
    const after = await ok(await send(ownerB.accessToken, 'GET', `/api/credentials/${id}`), 200);
    expect(after.sharedWith).toEqual({ userIds: [], agentIds: [] });
    const audit = await ok(await send(ownerB.accessToken, 'GET', `/api/credentials/${id}/audit`), 200);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['created']);
    for (const token of [memberA.accessToken, ownerA.accessToken]) {
      expect((await send(token, 'GET', `/api/credentials/${id}`)).statusCode).toBe(404);
      expect((await send(token, 'GET', `/api/credentials/${id}/value`)).statusCode).toBe(404);
    }
  });
});
