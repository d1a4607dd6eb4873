// Random bearer secrets and their stored form (SHA-256; high-entropy secrets need no slow hash).
import { hash, randomBytes } from 'node:crypto';

export function generateSecret(prefix = '', bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}
