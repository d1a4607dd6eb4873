// What the CLI commands do, apart from parsing arguments: admin creation and key rotation.
import { randomUUID } from 'node:crypto';
import { emailSchema, passwordSchema } from '@mcp-studio/protocol';
import { eq } from 'drizzle-orm';
import { reencryptMasterTokens } from './features/agent-servers/rotation.js';
import { reencryptCredentials } from './features/credentials/rotation.js';
import { generateMasterKey, type Keyring } from './platform/crypto/keyring.js';
import { hashPassword } from './platform/crypto/passwords.js';
import type { ReencryptionResult } from './platform/crypto/reseal.js';
import { Vault } from './platform/crypto/vault.js';
import type { Db } from './platform/db/database.js';
import { organizations, users } from './platform/db/schema.js';

export class CommandError extends Error {}

/** Creates an ADMIN: in the named organization, the only one, or a new one when there is none. */
export async function createAdmin(
  db: Db,
  input: { email: string; password: string; name?: string; organization?: string },
): Promise<{ userId: string; orgId: string; createdOrganization: boolean }> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new CommandError('--email is not a valid email address');
  if (!passwordSchema.safeParse(input.password).success)
    throw new CommandError('--password needs at least 10 characters');
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email.data));
  if (existing.length > 0) throw new CommandError(`An account with email ${email.data} already exists`);

  const orgs = await db.select().from(organizations);
  const wanted = input.organization;
  let org = wanted ? orgs.find((o) => o.id === wanted || o.name === wanted) : orgs.length === 1 ? orgs[0] : undefined;
  if (wanted && !org) throw new CommandError(`No organization with id or name "${wanted}"`);
  if (!wanted && orgs.length > 1) throw new CommandError('Several organizations exist; choose one with --org');
  let createdOrganization = false;
  if (!org) {
    [org] = await db.insert(organizations).values({ id: randomUUID(), name: 'Default organization' }).returning();
    createdOrganization = true;
  }
  const userId = randomUUID();
  await db.insert(users).values({
    id: userId,
    orgId: org!.id,
    email: email.data,
    name: input.name ?? email.data.split('@')[0]!,
    role: 'ADMIN',
    passwordHash: await hashPassword(input.password),
  });
  return { userId, orgId: org!.id, createdOrganization };
}

/**
 * File-backed keys: adds a new current key to DATA_DIR/secret.key (older keys stay, so running studios keep
 * decrypting), then re-encrypts every secret under it. Keys from STUDIO_SECRET_KEY: re-encrypts under that key,
 * reading older ciphertexts with STUDIO_PREVIOUS_SECRET_KEYS.
 */
export async function rotateKeys(db: Db, keyring: Keyring): Promise<ReencryptionResult & { keyId: string }> {
  if (keyring.isFileBacked) keyring.addCurrentKey(generateMasterKey());
  const vault = new Vault(keyring);
  // Every sealed secret: credentials and the master tokens of agent servers.
  const results = [await reencryptCredentials(db, vault), await reencryptMasterTokens(db, vault)];
  return {
    keyId: keyring.current.id,
    reencrypted: results.reduce((sum, r) => sum + r.reencrypted, 0),
    unreadableIds: results.flatMap((r) => r.unreadableIds),
  };
}
