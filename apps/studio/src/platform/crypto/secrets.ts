// Random bearer secrets and their stored form (SHA-256; high-entropy secrets need no slow hash).
import { createHash, randomBytes } from 'node:crypto';

export function generateSecret(prefix = '', bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
