// API token scopes, and what callers without a valid session or token get from every protected route.
import type { Role } from '@mcp-studio/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, uniqueEmail } from './harness.js';
import { expectStatus, type MatrixFixture, ok, startMatrixFixture } from './roleMatrixFixture.js';

let fx: MatrixFixture;

beforeAll(async () => {
  fx = await startMatrixFixture();
});
afterAll(() => fx?.close());

describe('API token scopes', () => {
  const tokenWith = async (role: Role, permissions: string[]) =>
    (await ok(await fx.send(fx.tokenOf(role), 'POST', '/api/tokens', { name: fx.unique('scoped'), permissions }), 201))
      .token as string;

  it('lets a credentials:read token list credentials, but not create one or reveal a value', async () => {
    const credential = await fx.createCredential(fx.admin(), 'private');
    const readOnly = await tokenWith('ADMIN', ['credentials:read']);

    const list = await fx.send(readOnly, 'GET', '/api/credentials');
    expect(list.statusCode).toBe(200);
    expect(list.json().credentials.map((c: { id: string }) => c.id)).toContain(credential.id);
    expect((await fx.send(readOnly, 'GET', `/api/credentials/${credential.id}`)).statusCode).toBe(200);

    const name = fx.unique('by-read-token');
    const create = await fx.send(readOnly, 'POST', '/api/credentials', { name, type: 'api_key', value: 'v-123' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('insufficient_scope');
    const reveal = await fx.send(readOnly, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('insufficient_scope');
    expect(reveal.body).not.toContain(credential.value);

    const names = (await ok(await fx.send(fx.admin(), 'GET', '/api/credentials'), 200)).credentials.map(
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
      const res = await fx.send(readOnly, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('insufficient_scope');
    }
  });

  it("never lets a VIEWER's * token reveal a value or create a credential", async () => {
    const credential = await fx.createCredential(fx.admin(), 'public');
    const everything = await tokenWith('VIEWER', ['*']);
    expect((await fx.send(everything, 'GET', `/api/credentials/${credential.id}`)).statusCode).toBe(200);
    const reveal = await fx.send(everything, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('forbidden');
    expect(reveal.body).not.toContain(credential.value);
    const create = await fx.send(everything, 'POST', '/api/credentials', {
      name: fx.unique('v'),
      type: 'api_key',
      value: 'x',
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
  });

  it('lets a credentials:* token reveal what its owner may reveal', async () => {
    const credential = await fx.createCredential(fx.tokenOf('OPERATOR'), 'private');
    const all = await tokenWith('OPERATOR', ['credentials:*']);
    const reveal = await fx.send(all, 'GET', `/api/credentials/${credential.id}/value`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ value: credential.value });
  });

  it('lets a reveal-only token reveal, but not read the metadata, and never answers "not found"', async () => {
    const credential = await fx.createCredential(fx.admin(), 'private');
    const revealOnly = await tokenWith('ADMIN', ['credentials:reveal']);
    const value = await fx.send(revealOnly, 'GET', `/api/credentials/${credential.id}/value`);
    expect(value.statusCode, value.body).toBe(200);
    expect(value.json()).toEqual({ value: credential.value });
    const metadata = await fx.send(revealOnly, 'GET', `/api/credentials/${credential.id}`);
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
      const token = await fx.createToken(fx.tokenOf('OPERATOR'));
      await ok(await fx.send(fx.tokenOf('OPERATOR'), 'POST', `/api/tokens/${token.id}/revoke`), 200);
      return token.secret;
    },
    'the access token of a signed-out session': async () => {
      const member = await addMember(fx.studio.app, fx.admin(), 'MANAGER');
      expect((await fx.send(member.accessToken, 'POST', '/api/auth/logout', {})).statusCode).toBe(204);
      return member.accessToken;
    },
  };

  beforeAll(async () => {
    const credential = await fx.createCredential(fx.admin(), 'public');
    credentialValue = credential.value;
    const token = await fx.createToken(fx.tokenOf('USER'));
    ids = {
      credential: credential.id,
      member: fx.team.USER.user.id,
      invitation: await fx.invite(),
      token: token.id,
      secret: token.secret,
    };
  });

  const PROTECTED: { route: string; call: (bearerToken: string | null) => Promise<LightMyRequestResponse> }[] = [
    { route: 'GET /api/auth/me', call: (b) => fx.send(b, 'GET', '/api/auth/me') },
    { route: 'POST /api/auth/logout', call: (b) => fx.send(b, 'POST', '/api/auth/logout', {}) },
    { route: 'GET /api/org', call: (b) => fx.send(b, 'GET', '/api/org') },
    { route: 'PATCH /api/org', call: (b) => fx.send(b, 'PATCH', '/api/org', { name: 'Hijacked' }) },
    { route: 'GET /api/org/members', call: (b) => fx.send(b, 'GET', '/api/org/members') },
    {
      route: 'POST /api/org/members',
      call: (b) => fx.send(b, 'POST', '/api/org/members', { email: uniqueEmail('anon'), role: 'ADMIN' }),
    },
    {
      route: 'PATCH /api/org/members/:id',
      call: (b) => fx.send(b, 'PATCH', `/api/org/members/${ids.member}`, { role: 'ADMIN' }),
    },
    { route: 'DELETE /api/org/members/:id', call: (b) => fx.send(b, 'DELETE', `/api/org/members/${ids.member}`) },
    {
      route: 'DELETE /api/org/invitations/:id',
      call: (b) => fx.send(b, 'DELETE', `/api/org/invitations/${ids.invitation}`),
    },
    { route: 'POST /api/tokens', call: (b) => fx.send(b, 'POST', '/api/tokens', { name: 'anon', permissions: ['*'] }) },
    { route: 'GET /api/tokens', call: (b) => fx.send(b, 'GET', '/api/tokens') },
    { route: 'GET /api/tokens?scope=org', call: (b) => fx.send(b, 'GET', '/api/tokens?scope=org') },
    { route: 'POST /api/tokens/:id/revoke', call: (b) => fx.send(b, 'POST', `/api/tokens/${ids.token}/revoke`) },
    { route: 'DELETE /api/tokens/:id', call: (b) => fx.send(b, 'DELETE', `/api/tokens/${ids.token}`) },
    {
      route: 'POST /api/credentials',
      call: (b) => fx.send(b, 'POST', '/api/credentials', { name: 'anon', type: 'api_key', value: 'anon-value' }),
    },
    { route: 'GET /api/credentials', call: (b) => fx.send(b, 'GET', '/api/credentials') },
    { route: 'GET /api/credentials/:id', call: (b) => fx.send(b, 'GET', `/api/credentials/${ids.credential}`) },
    {
      route: 'PATCH /api/credentials/:id',
      call: (b) => fx.send(b, 'PATCH', `/api/credentials/${ids.credential}`, { description: 'anon' }),
    },
    { route: 'DELETE /api/credentials/:id', call: (b) => fx.send(b, 'DELETE', `/api/credentials/${ids.credential}`) },
    {
      route: 'GET /api/credentials/:id/value',
      call: (b) => fx.send(b, 'GET', `/api/credentials/${ids.credential}/value`),
    },
    {
      route: 'POST /api/credentials/:id/share',
      call: (b) => fx.send(b, 'POST', `/api/credentials/${ids.credential}/share`, { userIds: [ids.member] }),
    },
    {
      route: 'GET /api/credentials/:id/audit',
      call: (b) => fx.send(b, 'GET', `/api/credentials/${ids.credential}/audit`),
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
    const credential = await fx.adminView(ids.credential);
    expect(credential).toMatchObject({ id: ids.credential, description: null, sharedWith: { userIds: [] } });
    expect((await ok(await fx.send(fx.admin(), 'GET', `/api/credentials/${ids.credential}/value`), 200)).value).toBe(
      credentialValue,
    );
    const { members, invitations } = await fx.adminMembers();
    expect(members.find((m) => m.id === ids.member)?.role).toBe('USER');
    expect(invitations.map((i) => i.id)).toContain(ids.invitation);
    expect(await fx.isAuthenticating(ids.secret)).toBe(true);
    expect((await ok(await fx.send(fx.admin(), 'GET', '/api/org'), 200)).name).not.toBe('Hijacked');
  });

  const MALFORMED: { route: string; call: () => Promise<LightMyRequestResponse> }[] = [
    { route: 'POST /api/credentials with an empty object', call: () => fx.send(null, 'POST', '/api/credentials', {}) },
    { route: 'GET /api/credentials/:id with a non-UUID id', call: () => fx.send(null, 'GET', '/api/credentials/abc') },
    { route: 'PATCH /api/org with an array', call: () => fx.send(null, 'PATCH', '/api/org', []) },
    { route: 'POST /api/tokens with no permissions', call: () => fx.send(null, 'POST', '/api/tokens', { name: 'x' }) },
  ];

  for (const { route, call } of MALFORMED) {
    it(`refuses ${route} with 401 before examining the input`, async () => {
      const res = await call();
      expectStatus(res, 401);
      expect(res.body).not.toContain('details');
    });
  }
});
