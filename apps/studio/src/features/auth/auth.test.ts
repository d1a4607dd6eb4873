import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  bearer,
  PASSWORD,
  registerOwner,
  startTestStudio,
  type TestStudio,
  uniqueEmail,
} from '../../test/harness.js';

describe('accounts and sessions', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await startTestStudio({ env: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => studio.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    studio.app.inject({ method: 'POST', url, payload: payload as object, headers });

  it('lets the very first user register, creating the organization as its ADMIN', async () => {
    expect((await studio.app.inject({ url: '/api/auth/setup' })).json()).toEqual({
      needsFirstUser: true,
      registration: 'invite',
    });
    const res = await post('/api/auth/register', {
      email: 'First@Example.test',
      password: PASSWORD,
      name: 'First',
      organizationName: 'Acme',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ expiresIn: 900, user: { email: 'first@example.test', name: 'First', role: 'ADMIN' } });
    expect(body.refreshToken).toMatch(/^mcpr_/);
    const me = await studio.app.inject({ url: '/api/auth/me', headers: bearer(body.accessToken) });
    expect(me.json()).toMatchObject({ user: { role: 'ADMIN' }, organization: { name: 'Acme', plan: 'FREE' } });
    // The role model travels as CASL rules, for the dashboard to evaluate rather than restate.
    expect(me.json().rules).toContainEqual({ action: 'manage', subject: 'all' });
    expect((await studio.app.inject({ url: '/api/auth/setup' })).json().needsFirstUser).toBe(false);
  });

  it('refuses self-registration after the first user when registration is by invitation', async () => {
    const res = await post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'Late' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('registration_closed');
  });

  it('rejects passwords shorter than 10 characters and names the field', async () => {
    const res = await post('/api/auth/register', { email: uniqueEmail(), password: 'short', name: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('password');
  });

  it('signs in with the right password and refuses a wrong one with the same message for unknown emails', async () => {
    const ok = await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('first@example.test');
    const wrong = await post('/api/auth/login', { email: 'first@example.test', password: 'not the password' });
    const unknown = await post('/api/auth/login', { email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const owner = await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD });
    const member = await addMember(studio.app, owner.json().accessToken, 'OPERATOR');
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await post('/api/auth/login', { email: member.user.email, password: 'wrong password!' })).statusCode,
      ).toBe(401);
    }
    const locked = await post('/api/auth/login', { email: member.user.email, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().error.code).toBe('too_many_requests');
  });

  it('limits failures per address too, across different accounts', async () => {
    // Three failures per account (LOGIN_MAX_FAILURES) and four times that per address; a forged
    // X-Forwarded-For changes nothing while TRUST_PROXY is off.
    const from = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    const ip = { remoteAddress: '192.0.2.44' };
    for (let i = 0; i < 12; i += 1) {
      const res = await studio.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        ...ip,
        headers: from(i),
        payload: { email: `spray.${i}@example.test`, password: 'guessing passwords' },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...ip,
      payload: { email: 'first@example.test', password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const elsewhere = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.45',
      payload: { email: 'first@example.test', password: PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('rotates the refresh token, and a spent one revokes the whole session family', async () => {
    const login = (await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD })).json();
    const first = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(first.statusCode).toBe(200);
    const rotated = first.json();
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    expect((await studio.app.inject({ url: '/api/auth/me', headers: bearer(rotated.accessToken) })).statusCode).toBe(
      200,
    );

    const reuse = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('refresh_token_reused');
    // The family is gone: the newest refresh token and its access token stop working too.
    expect((await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).statusCode).toBe(401);
    expect((await studio.app.inject({ url: '/api/auth/me', headers: bearer(rotated.accessToken) })).statusCode).toBe(
      401,
    );
  });

  it('rejects an unknown refresh token', async () => {
    const res = await post('/api/auth/refresh', { refreshToken: 'mcpr_not-a-real-token' });
    expect(res.statusCode).toBe(401);
  });

  it('signs out: the access token and the refresh token stop working', async () => {
    const login = (await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD })).json();
    const out = await post('/api/auth/logout', { refreshToken: login.refreshToken }, bearer(login.accessToken));
    expect(out.statusCode).toBe(204);
    expect((await studio.app.inject({ url: '/api/auth/me', headers: bearer(login.accessToken) })).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: login.refreshToken })).statusCode).toBe(401);
  });

  it('expires access tokens after their lifetime', async () => {
    const login = (await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD })).json();
    studio.clock.advance(901_000);
    expect((await studio.app.inject({ url: '/api/auth/me', headers: bearer(login.accessToken) })).statusCode).toBe(401);
    const refreshed = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(refreshed.statusCode).toBe(200);
  });

  it('accepts an invitation once, creating the member with the invited role', async () => {
    const admin = (await post('/api/auth/login', { email: 'first@example.test', password: PASSWORD })).json();
    const email = uniqueEmail('invitee');
    const invite = await post('/api/org/members', { email, role: 'MANAGER' }, bearer(admin.accessToken));
    const token = new URL(invite.json().inviteUrl).searchParams.get('token');
    const accepted = await post('/api/auth/accept-invite', { token, name: 'Invitee', password: PASSWORD });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({ email, role: 'MANAGER' });
    const again = await post('/api/auth/accept-invite', { token, name: 'Invitee', password: PASSWORD });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_invitation');
  });
});

describe('open registration', () => {
  it('lets anyone create an organization, and refuses a taken email with 409', async () => {
    const studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
    try {
      const a = await registerOwner(studio.app, 'One');
      const b = await registerOwner(studio.app, 'Two');
      const meA = (await studio.app.inject({ url: '/api/auth/me', headers: bearer(a.accessToken) })).json();
      const meB = (await studio.app.inject({ url: '/api/auth/me', headers: bearer(b.accessToken) })).json();
      expect(meA.organization.id).not.toBe(meB.organization.id);
      expect(meB.user.role).toBe('ADMIN');
      const dup = await studio.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: a.user.email, password: PASSWORD, name: 'Again' },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('email_taken');
    } finally {
      await studio.close();
    }
  });
});
