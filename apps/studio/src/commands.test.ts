import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, rotateKeys } from './commands.js';
import { masterTokenAad } from './features/agent-servers/service.js';
import { generateMasterKey, Keyring, loadKeyring } from './platform/crypto/keyring.js';
import { Vault } from './platform/crypto/vault.js';
import { agentServers, credentials } from './platform/db/schema.js';
import { bearer, registerOwner, startTestStudio, type TestStudio } from './test/harness.js';

describe('keys rotate', () => {
  let studio: TestStudio;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-rotate-'));
    // The running studio uses the file-backed keyring, as `npm start` does without STUDIO_SECRET_KEY.
    studio = await startTestStudio({ keyring: loadKeyring({ dataDir }) });
  });
  afterAll(() => studio.close());

  it('re-encrypts every secret under a new key while the running studio keeps revealing them', async () => {
    const owner = await registerOwner(studio.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await studio.app.inject({
        method: 'POST',
        url: '/api/credentials',
        headers: bearer(owner.accessToken),
        payload: { name: `key-${i}`, type: 'api_key', value: `value-${i}` },
      });
      ids.push(res.json().id);
    }
    // An agent server's master token is sealed too, and must be readable after the rotation.
    const db = studio.deps.database.db;
    const nodeId = '6f1d7c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
    const orgId = (await db.select().from(credentials).limit(1))[0]!.orgId;
    const running = new Vault(studio.deps.keyring);
    await db.insert(agentServers).values({
      id: nodeId,
      orgId,
      name: 'vm-1',
      url: 'http://127.0.0.1:4100',
      origin: 'attached',
      masterTokenSecret: running.seal('mcpm_node-master-token', masterTokenAad(orgId, nodeId)),
      keyId: running.currentKeyId,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const oldKeyId = studio.deps.keyring.current.id;
    const result = await rotateKeys(db, loadKeyring({ dataDir }));
    expect(result.reencrypted).toBe(6);
    const [node] = await db.select().from(agentServers);
    expect(node!.keyId).toBe(result.keyId);
    const rotated = new Vault(loadKeyring({ dataDir }));
    expect(rotated.open(node!.masterTokenSecret, masterTokenAad(orgId, nodeId))).toBe('mcpm_node-master-token');
    expect(result.keyId).not.toBe(oldKeyId);

    const rows = await studio.deps.database.db.select().from(credentials);
    expect(rows.every((r) => r.keyId === result.keyId && Vault.keyIdOf(r.secret) === result.keyId)).toBe(true);
    for (const [i, id] of ids.entries()) {
      const res = await studio.app.inject({ url: `/api/credentials/${id}/value`, headers: bearer(owner.accessToken) });
      expect(res.json()).toEqual({ value: `value-${i}` });
    }
    expect((await rotateKeys(db, loadKeyring({ dataDir }))).reencrypted).toBe(6);
  });

  it('with STUDIO_SECRET_KEY, re-encrypts under the new key using the previous keys to read', async () => {
    const oldKey = generateMasterKey();
    const newKey = generateMasterKey();
    const db = studio.deps.database.db;
    await db.delete(agentServers);
    const [first, second] = await db.select().from(credentials).limit(2);
    const aad = `credential:${first!.orgId}:${first!.id}`;
    await db
      .update(credentials)
      .set({ secret: new Vault(new Keyring([oldKey])).seal('env-managed', aad), keyId: oldKey.id })
      .where(eq(credentials.id, first!.id));
    // The other rows are sealed under a key this keyring lacks: reported, skipped, and left as they were.
    const before = await db.select().from(credentials).where(eq(credentials.id, second!.id));
    const result = await rotateKeys(db, new Keyring([newKey, oldKey]));
    expect(result.reencrypted).toBe(1);
    expect(result.unreadableIds).toHaveLength(4);
    expect(result.unreadableIds).toContain(second!.id);
    const [after] = await db.select().from(credentials).where(eq(credentials.id, first!.id));
    expect(new Vault(new Keyring([newKey])).open(after!.secret, aad)).toBe('env-managed');
    expect(await db.select().from(credentials).where(eq(credentials.id, second!.id))).toEqual(before);
  });
});

describe('admin create', () => {
  it('adds an ADMIN to the only organization, who can then sign in', async () => {
    const studio = await startTestStudio();
    try {
      const owner = await registerOwner(studio.app, 'Solo');
      const created = await createAdmin(studio.deps.database.db, {
        email: 'second@example.test',
        password: 'long enough pw',
      });
      expect(created.createdOrganization).toBe(false);
      const login = await studio.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'second@example.test', password: 'long enough pw' },
      });
      expect(login.json().user.role).toBe('ADMIN');
      const me = await studio.app.inject({ url: '/api/auth/me', headers: bearer(login.json().accessToken) });
      const ownerMe = await studio.app.inject({ url: '/api/auth/me', headers: bearer(owner.accessToken) });
      expect(me.json().organization.id).toBe(ownerMe.json().organization.id);
      await expect(
        createAdmin(studio.deps.database.db, { email: 'x@example.test', password: 'short' }),
      ).rejects.toThrow(/10 characters/);
    } finally {
      await studio.close();
    }
  });
});
