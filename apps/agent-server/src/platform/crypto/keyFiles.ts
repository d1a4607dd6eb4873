// Files the node creates once in DATA_DIR and keeps to itself (mode 0600): its encryption key and master token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Reads `file`, or creates it with `make()` (exclusively, mode 0600); `created` says which. */
function readOrCreate(file: string, make: () => string): { value: string; created: boolean } {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, make(), { mode: 0o600, flag: 'wx' });
    return { value: fs.readFileSync(file, 'utf8').trim(), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: fs.readFileSync(file, 'utf8').trim(), created: false };
  }
}

/** The key that seals the node's secrets, DATA_DIR/node.key. */
export function loadNodeKey(dataDir: string): Buffer {
  const { value } = readOrCreate(path.join(dataDir, 'node.key'), () => randomBytes(32).toString('base64'));
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${path.join(dataDir, 'node.key')} does not hold a 32-byte key`);
  return key;
}

export const MASTER_TOKEN_FILE = 'master.token';

/**
 * MASTER_TOKEN when set; otherwise DATA_DIR/master.token, generated at first start. `generated` is true only on
 * that first start, the one time the token may be printed.
 */
export function loadMasterToken(
  dataDir: string,
  configured: string | undefined,
): { token: string; generated: boolean } {
  if (configured) return { token: configured, generated: false };
  const { value, created } = readOrCreate(
    path.join(dataDir, MASTER_TOKEN_FILE),
    () => `mcpm_${randomBytes(32).toString('base64url')}`,
  );
  return { token: value, generated: created };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares secrets in constant time (by their hashes, so lengths do not leak either). */
export function secretsMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(sha256(expected), 'hex'));
}
