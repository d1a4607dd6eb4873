// Re-encrypts one sealed column under the current master key, a page at a time; older keys keep decrypting meanwhile.
import { and, asc, gt, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.js';
import { DecryptionError, type Vault } from './vault.js';

const BATCH = 200;
const BEFORE_EVERY_UUID = '00000000-0000-0000-0000-000000000000';

/** Where sealed secrets live: the table, its uuid id, the columns the AAD and the envelope use. */
export interface SealedColumn {
  table: PgTable;
  id: AnyPgColumn;
  orgId: AnyPgColumn;
  secret: AnyPgColumn;
  keyId: AnyPgColumn;
  /** The additional authenticated data each row was sealed with. */
  aad: (orgId: string, id: string) => string;
}

export interface ReencryptionResult {
  reencrypted: number;
  /** Rows no known key could open (tampered, or sealed under a key that is no longer configured). */
  unreadableIds: string[];
}

export async function resealColumn(db: Db, vault: Vault, sealed: SealedColumn): Promise<ReencryptionResult> {
  const result: ReencryptionResult = { reencrypted: 0, unreadableIds: [] };
  let afterId = BEFORE_EVERY_UUID;
  for (;;) {
    const page = (await db
      .select({ id: sealed.id, orgId: sealed.orgId, secret: sealed.secret })
      .from(sealed.table)
      .where(and(ne(sealed.keyId, vault.currentKeyId), gt(sealed.id, afterId)))
      .orderBy(asc(sealed.id))
      .limit(BATCH)) as { id: string; orgId: string; secret: string }[];
    const last = page.at(-1);
    if (!last) return result;
    for (const row of page) {
      const aad = sealed.aad(row.orgId, row.id);
      let plaintext: string;
      try {
        plaintext = vault.open(row.secret, aad);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        result.unreadableIds.push(row.id);
        continue;
      }
      // Only if it is still the envelope that was read: a concurrent rotation or change wins.
      const { table, id, secret, keyId } = sealed;
      await db.execute(
        sql`update ${table} set ${sql.identifier(secret.name)} = ${vault.seal(plaintext, aad)},
          ${sql.identifier(keyId.name)} = ${vault.currentKeyId} where ${id} = ${row.id} and ${secret} = ${row.secret}`,
      );
      result.reencrypted += 1;
    }
    afterId = last.id;
  }
}
