// Re-encrypts every node's master token under the current master key (part of `mcp-studio keys rotate`).
import { type ReencryptionResult, resealColumn } from '../../platform/crypto/reseal.js';
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { agentServers } from '../../platform/db/schema.js';
import { masterTokenAad } from './service.js';

export function reencryptMasterTokens(db: Db, vault: Vault): Promise<ReencryptionResult> {
  const { id, orgId, masterTokenSecret, keyId } = agentServers;
  return resealColumn(db, vault, {
    table: agentServers,
    id,
    orgId,
    secret: masterTokenSecret,
    keyId,
    aad: masterTokenAad,
  });
}
