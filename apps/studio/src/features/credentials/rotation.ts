// Re-encrypts every credential under the current master key; older keys keep decrypting meanwhile.
import { DecryptionError, type Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { credentialAad } from './service.js';
import { listSealedWithOtherKeys, replaceSecret } from './store.js';

const BATCH = 200;
const BEFORE_EVERY_UUID = '00000000-0000-0000-0000-000000000000';

export interface ReencryptionResult {
  reencrypted: number;
  /** Rows no known key could open (tampered, or sealed under a key that is no longer configured). */
  unreadableIds: string[];
}

export async function reencryptCredentials(db: Db, vault: Vault): Promise<ReencryptionResult> {
  const result: ReencryptionResult = { reencrypted: 0, unreadableIds: [] };
  let afterId = BEFORE_EVERY_UUID;
  for (;;) {
    const page = await listSealedWithOtherKeys(db, vault.currentKeyId, afterId, BATCH);
    if (page.length === 0) return result;
    for (const row of page) {
      const aad = credentialAad(row.orgId, row.id);
      let plaintext: string;
      try {
        plaintext = vault.open(row.secret, aad);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        result.unreadableIds.push(row.id);
        continue;
      }
      await replaceSecret(db, row.id, row.secret, vault.seal(plaintext, aad), vault.currentKeyId);
      result.reencrypted += 1;
    }
    afterId = page.at(-1)!.id;
  }
}
