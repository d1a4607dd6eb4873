import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, bearer, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';

describe('API tokens', () => {
  let studio: TestStudio;
  let session: string;
  beforeAll(async () => {
    studio = await startTestStudio();
    session = (await registerOwner(studio.app)).accessToken;
  });
  afterAll(() => studio.close());

  const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const mint = async (token: string, body: Record<string, unknown>) => {
    const res = await call(token, 'POST', '/api/tokens', { name: 'ci', permissions: ['*'], ...body });
    expect(res.statusCode).toBe(201);
    return res.json() as { token: string; apiToken: { id: string; prefix: string } };
  };

  it('shows the secret once, lists tokens without it, and records last use', async () => {
    const { token, apiToken } = await mint(session, { name: 'deploy', permissions: ['credentials:read'] });
    expect(token).toMatch(/^mcps_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const before = (await call(session, 'GET', '/api/tokens'))
      .json()
      .tokens.find((t: { id: string }) => t.id === apiToken.id);
    expect(before).toMatchObject({
      name: 'deploy',
      permissions: ['credentials:read'],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect((await call(token, 'GET', '/api/credentials')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const list = await call(session, 'GET', '/api/tokens');
    expect(list.body).not.toContain(token);
    const after = list.json().tokens.find((t: { id: string }) => t.id === apiToken.id);
    expect(after.lastUsedAt).not.toBeNull();
  });

  it('limits a token to its permissions on top of its owner’s role', async () => {
    const { token } = await mint(session, { permissions: ['credentials:read'] });
    const create = await call(token, 'POST', '/api/credentials', { name: 'x', type: 'token', value: 'v' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('insufficient_scope');
    expect((await call(token, 'GET', '/api/org/members')).statusCode).toBe(403);
    const areaWide = (await mint(session, { permissions: ['credentials:*'] })).token;
    expect(
      (await call(areaWide, 'POST', '/api/credentials', { name: 'y', type: 'token', value: 'v' })).statusCode,
    ).toBe(201);
  });

  it('cannot mint a token broader than itself', async () => {
    const { token } = await mint(session, { permissions: ['tokens:write', 'credentials:read'] });
    expect(
      (await call(token, 'POST', '/api/tokens', { name: 'narrow', permissions: ['credentials:read'] })).statusCode,
    ).toBe(201);
    const broader = await call(token, 'POST', '/api/tokens', { name: 'wide', permissions: ['*'] });
    expect(broader.statusCode).toBe(403);
    expect(broader.json().error.message).toContain('*');
  });

  it('stops authenticating once revoked (kept for audit) or deleted', async () => {
    const revoked = await mint(session, {});
    const res = await call(session, 'POST', `/api/tokens/${revoked.apiToken.id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).not.toBeNull();
    expect((await call(revoked.token, 'GET', '/api/credentials')).statusCode).toBe(401);
    expect((await call(session, 'GET', '/api/tokens')).json().tokens.map((t: { id: string }) => t.id)).toContain(
      revoked.apiToken.id,
    );

    const deleted = await mint(session, {});
    expect((await call(session, 'DELETE', `/api/tokens/${deleted.apiToken.id}`)).statusCode).toBe(204);
    expect((await call(deleted.token, 'GET', '/api/credentials')).statusCode).toBe(401);
    expect((await call(session, 'GET', '/api/tokens')).json().tokens.map((t: { id: string }) => t.id)).not.toContain(
      deleted.apiToken.id,
    );
  });

  it('stops authenticating after its expiry, and refuses an expiry in the past', async () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const { token } = await mint(session, { expiresAt });
    expect((await call(token, 'GET', '/api/credentials')).statusCode).toBe(200);
    studio.clock.advance(61_000);
    expect((await call(token, 'GET', '/api/credentials')).statusCode).toBe(401);
    const past = await call(session, 'POST', '/api/tokens', {
      name: 'old',
      permissions: ['*'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
  });

  it('lets only an ADMIN list the whole organization’s tokens', async () => {
    const admin = (await studio.app.inject({ url: '/api/auth/me', headers: bearer(session) })).json().user;
    const member = await addMember(studio.app, session, 'MANAGER');
    await mint(member.accessToken, { name: 'managers-own' });
    const all = (await call(session, 'GET', '/api/tokens?scope=org')).json().tokens;
    expect(all.map((t: { name: string }) => t.name)).toContain('managers-own');
    expect((await call(member.accessToken, 'GET', '/api/tokens?scope=org')).statusCode).toBe(403);
    const mine = (await call(member.accessToken, 'GET', '/api/tokens')).json().tokens;
    expect(mine.every((t: { userId: string }) => t.userId === member.user.id && t.userId !== admin.id)).toBe(true);
  });
});
