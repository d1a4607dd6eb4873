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

describe('organization and members', () => {
  let studio: TestStudio;
  let admin: string;
  beforeAll(async () => {
    studio = await startTestStudio({ env: { PUBLIC_URL: 'https://studio.example.com' } });
    admin = (await registerOwner(studio.app, 'Acme')).accessToken;
  });
  afterAll(() => studio.close());

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('reads and renames the organization and changes its plan', async () => {
    expect((await call(admin, 'GET', '/api/org')).json()).toMatchObject({ name: 'Acme', plan: 'FREE' });
    const patched = await call(admin, 'PATCH', '/api/org', { name: 'Acme Corp', plan: 'PRO' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Acme Corp', plan: 'PRO' });
    expect((await call(admin, 'GET', '/api/auth/me')).json().organization).toMatchObject({
      name: 'Acme Corp',
      plan: 'PRO',
    });
  });

  it('invites with a one-time link under PUBLIC_URL, lists the pending invitation, and can revoke it', async () => {
    const email = uniqueEmail('pending');
    const invite = await call(admin, 'POST', '/api/org/members', { email, role: 'OPERATOR' });
    expect(invite.statusCode).toBe(201);
    expect(invite.json().inviteUrl).toMatch(/^https:\/\/studio\.example\.com\/accept-invite\?token=inv_/);
    const listed = (await call(admin, 'GET', '/api/org/members')).json();
    expect(listed.invitations.map((i: { email: string }) => i.email)).toContain(email);
    expect(JSON.stringify(listed)).not.toContain('inv_');
    const id = invite.json().invitation.id;
    expect((await call(admin, 'DELETE', `/api/org/invitations/${id}`)).statusCode).toBe(204);
    const token = new URL(invite.json().inviteUrl).searchParams.get('token');
    const accept = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, name: 'Too late', password: PASSWORD },
    });
    expect(accept.statusCode).toBe(400);
  });

  it('refuses to invite an email that already has an account', async () => {
    const member = await addMember(studio.app, admin, 'VIEWER');
    const res = await call(admin, 'POST', '/api/org/members', { email: member.user.email, role: 'USER' });
    expect(res.statusCode).toBe(409);
  });

  it('changes a role, which takes effect on the member’s next request', async () => {
    const member = await addMember(studio.app, admin, 'VIEWER');
    expect(
      (await call(member.accessToken, 'POST', '/api/credentials', { name: 'n', type: 'token', value: 'v' })).statusCode,
    ).toBe(403);
    const changed = await call(admin, 'PATCH', `/api/org/members/${member.user.id}`, { role: 'MANAGER' });
    expect(changed.json()).toMatchObject({ id: member.user.id, role: 'MANAGER' });
    expect(
      (await call(member.accessToken, 'POST', '/api/credentials', { name: 'n', type: 'token', value: 'v' })).statusCode,
    ).toBe(201);
    expect((await call(member.accessToken, 'GET', '/api/auth/me')).json().rules).toContainEqual({
      action: 'manage',
      subject: 'Credential',
    });
  });

  it('never leaves the organization without an ADMIN', async () => {
    const me = (await call(admin, 'GET', '/api/auth/me')).json().user;
    const demote = await call(admin, 'PATCH', `/api/org/members/${me.id}`, { role: 'MANAGER' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    expect((await call(admin, 'DELETE', `/api/org/members/${me.id}`)).json().error.code).toBe('last_admin');

    const second = await addMember(studio.app, admin, 'ADMIN');
    expect((await call(second.accessToken, 'PATCH', `/api/org/members/${me.id}`, { role: 'MANAGER' })).statusCode).toBe(
      200,
    );
    const last = await call(second.accessToken, 'DELETE', `/api/org/members/${second.user.id}`);
    expect(last.json().error.code).toBe('last_admin');
    expect((await call(second.accessToken, 'PATCH', `/api/org/members/${me.id}`, { role: 'ADMIN' })).statusCode).toBe(
      200,
    );
  });

  it('removes a member, whose session then stops working', async () => {
    const member = await addMember(studio.app, admin, 'OPERATOR');
    expect((await call(admin, 'DELETE', `/api/org/members/${member.user.id}`)).statusCode).toBe(204);
    expect((await call(member.accessToken, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const members = (await call(admin, 'GET', '/api/org/members')).json().members;
    expect(members.map((m: { id: string }) => m.id)).not.toContain(member.user.id);
  });
});
