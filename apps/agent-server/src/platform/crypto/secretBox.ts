// Secrets the node keeps (agent API keys, its studio credentials): AES-256-GCM bound to their owner by AAD.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class SecretUnreadableError extends Error {
  constructor() {
    super('A stored secret could not be decrypted');
    this.name = 'SecretUnreadableError';
  }
}

/** Envelope `v1.<iv>.<tag>.<ciphertext>` (base64url); `aad` names what the secret belongs to (an agent id). */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the node key must be 32 bytes');
  }

  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(envelope: string, aad: string): string {
    const [version, iv, tag, ciphertext] = envelope.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new SecretUnreadableError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError();
    }
  }
}
