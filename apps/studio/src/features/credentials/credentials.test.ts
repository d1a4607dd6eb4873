import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials as credentialsTable } from '../../platform/db/schema.js';
import { bearer, organizationWithEveryRole, startTestStudio, type TestStudio } from '../../test/harness.js';

describe('credentials vault', () => {
  let studio: TestStudio;
  let team: Awaited<ReturnType<typeof organizationWithEveryRole>>;
  beforeAll(async () => {
    studio = await startTestStudio();
    team = await organizationWithEveryRole(studio.app);
  });
  afterAll(() => studio.close());

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const create = async (token: string, body: Record<string, unknown>) => {
    const res = await call(token, 'POST', '/api/credentials', { type: 'api_key', value: 'sk-test-value', ...body });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('stores a credential and never returns its value on ordinary endpoints', async () => {
    const admin = team.ADMIN.accessToken;
    const created = await create(admin, {
      name: 'openai',
      value: 'sk-live-abc123',
      description: 'prod key',
      metadata: { env: 'prod' },
    });
    expect(created).toMatchObject({
      name: 'openai',
      type: 'api_key',
      visibility: 'private',
      hasValue: true,
      metadata: { env: 'prod' },
    });
    const responses = [
      await call(admin, 'GET', '/api/credentials'),
      await call(admin, 'GET', `/api/credentials/${created.id}`),
      await call(admin, 'PATCH', `/api/credentials/${created.id}`, { description: 'changed' }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('sk-live-abc123');
      expect(res.body).not.toContain('v1.');
    }
    const [row] = await studio.deps.database.db
      .select()
      .from(credentialsTable)
      .where(eq(credentialsTable.id, created.id));
    expect(row?.secret).toMatch(/^v1\./);
    expect(row?.secret).not.toContain('sk-live-abc123');
  });

  it('reveals the value to those allowed, audits it, and never to a VIEWER', async () => {
    const created = await create(team.ADMIN.accessToken, {
      name: 'reveal-me',
      value: 'hunter2-but-longer',
      visibility: 'public',
    });
    const revealed = await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/value`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ value: 'hunter2-but-longer' });
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect((await call(team.OPERATOR.accessToken, 'GET', `/api/credentials/${created.id}/value`)).json().value).toBe(
      'hunter2-but-longer',
    );
    const viewer = await call(team.VIEWER.accessToken, 'GET', `/api/credentials/${created.id}/value`);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.body).not.toContain('hunter2');

    const audit = (await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/audit`)).json().entries;
    const actions = audit.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'revealed')).toHaveLength(2);
    expect(actions).toContain('created');
    const adminReveal = audit.find(
      (e: { action: string; actorId: string }) => e.action === 'revealed' && e.actorId === team.ADMIN.user.id,
    );
    expect(adminReveal).toMatchObject({ actorType: 'user', ip: '127.0.0.1' });
  });

  it('rotates the value without changing the id, and the new value is what reveal returns', async () => {
    const created = await create(team.MANAGER.accessToken, { name: 'rotating', value: 'first-value' });
    const rotated = await call(team.MANAGER.accessToken, 'PATCH', `/api/credentials/${created.id}`, {
      value: 'second-value',
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().id).toBe(created.id);
    expect((await call(team.MANAGER.accessToken, 'GET', `/api/credentials/${created.id}/value`)).json().value).toBe(
      'second-value',
    );
    const actions = (await call(team.MANAGER.accessToken, 'GET', `/api/credentials/${created.id}/audit`))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['created', 'rotated', 'revealed']));
  });

  it('shares a private credential with a member, who can then see and reveal it', async () => {
    const created = await create(team.ADMIN.accessToken, { name: 'shared-one', value: 'shared-secret-value' });
    expect((await call(team.USER.accessToken, 'GET', `/api/credentials/${created.id}`)).statusCode).toBe(404);
    const shared = await call(team.ADMIN.accessToken, 'POST', `/api/credentials/${created.id}/share`, {
      userIds: [team.USER.user.id],
    });
    expect(shared.statusCode).toBe(200);
    expect(shared.json().sharedWith.userIds).toEqual([team.USER.user.id]);
    const list = (await call(team.USER.accessToken, 'GET', '/api/credentials')).json().credentials;
    expect(list.map((c: { id: string }) => c.id)).toContain(created.id);
    expect((await call(team.USER.accessToken, 'GET', `/api/credentials/${created.id}/value`)).json().value).toBe(
      'shared-secret-value',
    );
    const audit = (await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/audit`)).json().entries;
    expect(audit.find((e: { action: string }) => e.action === 'shared').details).toEqual({
      userIds: [team.USER.user.id],
      agentIds: [],
    });
  });

  it('takes a share back: the member loses access at once, and the audit log says so', async () => {
    const created = await create(team.ADMIN.accessToken, { name: 'shared-then-not', value: 'short-lived-share' });
    await call(team.ADMIN.accessToken, 'POST', `/api/credentials/${created.id}/share`, {
      userIds: [team.USER.user.id],
    });
    expect((await call(team.USER.accessToken, 'GET', `/api/credentials/${created.id}/value`)).statusCode).toBe(200);
    const unshared = await call(team.ADMIN.accessToken, 'POST', `/api/credentials/${created.id}/unshare`, {
      userIds: [team.USER.user.id],
    });
    expect(unshared.statusCode).toBe(200);
    expect(unshared.json().sharedWith.userIds).toEqual([]);
    expect((await call(team.USER.accessToken, 'GET', `/api/credentials/${created.id}/value`)).statusCode).toBe(404);
    const auditRes = await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/audit`);
    expect(auditRes.statusCode, auditRes.body).toBe(200);
    const audit = auditRes.json().entries;
    expect(audit.find((e: { action: string }) => e.action === 'unshared').details).toEqual({
      userIds: [team.USER.user.id],
      agentIds: [],
    });
  });

  it('records which API token revealed a value', async () => {
    const created = await create(team.ADMIN.accessToken, { name: 'via-token', value: 'token-read' });
    const minted = (
      await call(team.ADMIN.accessToken, 'POST', '/api/tokens', { name: 'reader', permissions: ['credentials:reveal'] })
    ).json();
    expect((await call(minted.token, 'GET', `/api/credentials/${created.id}/value`)).json().value).toBe('token-read');
    const audit = (await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/audit`)).json().entries;
    expect(audit.find((e: { action: string }) => e.action === 'revealed')).toMatchObject({
      actorId: team.ADMIN.user.id,
      details: { tokenId: minted.apiToken.id },
    });
  });

  it('refuses a duplicate name in the organization with 409', async () => {
    await create(team.ADMIN.accessToken, { name: 'dup' });
    const again = await call(team.ADMIN.accessToken, 'POST', '/api/credentials', {
      name: 'dup',
      type: 'token',
      value: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('credential_name_taken');
  });

  it('deletes a credential, keeping its audit trail in the database', async () => {
    const created = await create(team.ADMIN.accessToken, { name: 'short-lived' });
    expect((await call(team.ADMIN.accessToken, 'DELETE', `/api/credentials/${created.id}`)).statusCode).toBe(204);
    expect((await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}`)).statusCode).toBe(404);
    const { credentialAudit } = await import('../../platform/db/schema.js');
    const rows = await studio.deps.database.db
      .select()
      .from(credentialAudit)
      .where(eq(credentialAudit.credentialId, created.id));
    expect(rows.map((r) => r.action).sort()).toEqual(['created', 'deleted']);
  });

  it('fails to decrypt a ciphertext copied onto another row, and a tampered one', async () => {
    const a = await create(team.ADMIN.accessToken, { name: 'row-a', value: 'value-of-a' });
    const b = await create(team.ADMIN.accessToken, { name: 'row-b', value: 'value-of-b' });
    const db = studio.deps.database.db;
    const [rowA] = await db.select().from(credentialsTable).where(eq(credentialsTable.id, a.id));
    await db.update(credentialsTable).set({ secret: rowA!.secret }).where(eq(credentialsTable.id, b.id));
    const swapped = await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${b.id}/value`);
    expect(swapped.statusCode).toBe(500);
    expect(swapped.json().error.code).toBe('secret_unreadable');
    expect(swapped.body).not.toContain('value-of-a');

    const parts = rowA!.secret.split('.');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0xff;
    parts[4] = ciphertext.toString('base64url');
    await db
      .update(credentialsTable)
      .set({ secret: parts.join('.') })
      .where(eq(credentialsTable.id, a.id));
    const tampered = await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${a.id}/value`);
    expect(tampered.statusCode).toBe(500);
    expect(tampered.body).not.toContain('value-of-a');
  });

  it('records use by another capability in the audit log', async () => {
    const created = await create(team.ADMIN.accessToken, { name: 'for-a-server', value: 'server-key' });
    const { CredentialService } = await import('./service.js');
    const { Vault } = await import('../../platform/crypto/vault.js');
    const service = new CredentialService({
      ...studio.deps,
      db: studio.deps.database.db,
      vault: new Vault(studio.deps.keyring),
    });
    const orgId = await orgIdOf(team.ADMIN.accessToken);
    expect(await service.useValue(orgId, created.id, { type: 'server', id: null })).toBe('server-key');
    const audit = (await call(team.ADMIN.accessToken, 'GET', `/api/credentials/${created.id}/audit`)).json().entries;
    expect(audit.find((e: { action: string }) => e.action === 'used')).toMatchObject({
      actorType: 'server',
      actorId: null,
    });
  });

  async function orgIdOf(token: string): Promise<string> {
    return (await call(token, 'GET', '/api/auth/me')).json().organization.id;
  }
});
