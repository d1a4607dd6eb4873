// Re-encrypts every credential under the current master key; older keys keep decrypting meanwhile.
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { credentialAad } from './service.js';
import { listSealedWithOtherKeys, replaceSecret } from './store.js';

const BATCH = 200;

export async function reencryptCredentials(db: Db, vault: Vault): Promise<number> {
  let count = 0;
  for (;;) {
    const batch = await listSealedWithOtherKeys(db, vault.currentKeyId, BATCH);
    if (batch.length === 0) return count;
    for (const row of batch) {
      const aad = credentialAad(row.orgId, row.id);
      await replaceSecret(db, row.id, row.secret, vault.seal(vault.open(row.secret, aad), aad), vault.currentKeyId);
      count += 1;
    }
  }
}
