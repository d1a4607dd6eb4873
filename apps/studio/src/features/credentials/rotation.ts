// Re-encrypts every credential under the current master key; older keys keep decrypting meanwhile.
import { type ReencryptionResult, resealColumn } from '../../platform/crypto/reseal.js';
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { credentials } from '../../platform/db/schema.js';
import { credentialAad } from './service.js';

export function reencryptCredentials(db: Db, vault: Vault): Promise<ReencryptionResult> {
  const { id, orgId, secret, keyId } = credentials;
  return resealColumn(db, vault, { table: credentials, id, orgId, secret, keyId, aad: credentialAad });
}
