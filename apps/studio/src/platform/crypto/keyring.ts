// Master keys for the vault and token signing: from STUDIO_SECRET_KEY, or DATA_DIR/secret.key (created 0600).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Accepts 64 hex characters or base64/base64url of exactly 32 bytes. */
export function decodeMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const buf = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (buf.length === 32) return buf;
  }
  return null;
}

export function masterKeyFrom(key: Buffer): MasterKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

export function generateMasterKey(): MasterKey {
  return masterKeyFrom(randomBytes(32));
}

/**
 * The set of master keys: the first encrypts, all decrypt. A file-backed keyring re-reads its file when it
 * meets an unknown key id, so a running studio keeps working while `mcp-studio keys rotate` runs.
 */
export class Keyring {
  private keys: MasterKey[];

  constructor(
    keys: MasterKey[],
    private readonly file?: string,
  ) {
    if (keys.length === 0) throw new Error('A keyring needs at least one key');
    this.keys = keys;
  }

  get current(): MasterKey {
    return this.keys[0]!;
  }

  get all(): readonly MasterKey[] {
    return this.keys;
  }

  find(id: string): MasterKey | undefined {
    const found = this.keys.find((k) => k.id === id);
    if (found || !this.file) return found;
    this.keys = readKeyFile(this.file);
    return this.keys.find((k) => k.id === id);
  }

  get isFileBacked(): boolean {
    return this.file !== undefined;
  }

  /** File-backed only: puts a new current key first in the file, keeping the older ones for decryption. */
  addCurrentKey(key: MasterKey): void {
    if (!this.file) throw new Error('Keys from STUDIO_SECRET_KEY are rotated by changing the environment');
    this.keys = [key, ...this.keys.filter((k) => k.id !== key.id)];
    writeKeyFile(this.file, this.keys);
  }
}

export class KeyConfigError extends Error {}

function readKeyFile(file: string): MasterKey[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return lines.map((line, i) => {
    const key = decodeMasterKey(line);
    if (!key) throw new KeyConfigError(`${file} line ${i + 1} is not a 32-byte key (hex or base64)`);
    return masterKeyFrom(key);
  });
}

function writeKeyFile(file: string, keys: MasterKey[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const body = `# MCP Agent Studio master keys: the first encrypts, all decrypt. Keep this file secret.\n${keys
    .map((k) => k.key.toString('base64'))
    .join('\n')}\n`;
  fs.writeFileSync(tmp, body, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** STUDIO_SECRET_KEY (+ previous keys) when set; otherwise DATA_DIR/secret.key, created on first start. */
export function loadKeyring(opts: { secretKey?: string; previousKeys?: string[]; dataDir: string }): Keyring {
  if (opts.secretKey) {
    const texts = [opts.secretKey, ...(opts.previousKeys ?? [])];
    const keys = texts.map((text, i) => {
      const key = decodeMasterKey(text);
      if (!key) {
        const name = i === 0 ? 'STUDIO_SECRET_KEY' : 'STUDIO_PREVIOUS_SECRET_KEYS';
        throw new KeyConfigError(`${name}: expected 32 bytes as 64 hex characters or base64`);
      }
      return masterKeyFrom(key);
    });
    return new Keyring(keys);
  }
  const file = path.join(opts.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    writeKeyFile(file, [generateMasterKey()]);
  }
  return new Keyring(readKeyFile(file), file);
}
