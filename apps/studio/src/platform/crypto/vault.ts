// AES-256-GCM envelopes bound to their owner (additional authenticated data), tagged with the key id.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

const VERSION = 'v1';

export class DecryptionError extends Error {
  constructor() {
    super('The secret could not be decrypted');
  }
}

/**
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The AAD binds the ciphertext to its row,
 * so a ciphertext copied to another row or organization fails to decrypt.
 */
export class Vault {
  constructor(private readonly keyring: Keyring) {}

  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  seal(plaintext: string, aad: string): string {
    const { id, key } = this.keyring.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(
      '.',
    );
  }

  open(envelope: string, aad: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError();
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const master = this.keyring.find(keyId);
    if (!master) throw new DecryptionError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', master.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError();
    }
  }

  static keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }
}
