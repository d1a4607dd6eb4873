import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMasterKey, generateMasterKey, Keyring, loadKeyring } from './keyring.js';
import { DecryptionError, Vault } from './vault.js';

describe('vault envelopes', () => {
  const vault = new Vault(new Keyring([generateMasterKey()]));

  it('round-trips a value bound to its owner', () => {
    const sealed = vault.seal('s3cret ✓', 'credential:org:1');
    expect(sealed.startsWith(`v1.${vault.currentKeyId}.`)).toBe(true);
    expect(sealed).not.toContain('s3cret');
    expect(vault.open(sealed, 'credential:org:1')).toBe('s3cret ✓');
  });

  it('uses a fresh IV each time', () => {
    expect(vault.seal('same', 'a')).not.toBe(vault.seal('same', 'a'));
  });

  it('refuses another row or organization (different additional data)', () => {
    const sealed = vault.seal('value', 'credential:org-a:1');
    expect(() => vault.open(sealed, 'credential:org-a:2')).toThrow(DecryptionError);
    expect(() => vault.open(sealed, 'credential:org-b:1')).toThrow(DecryptionError);
  });

  it('refuses a tampered ciphertext, tag or IV, and garbage', () => {
    const sealed = vault.seal('value', 'aad');
    for (const index of [2, 3, 4]) {
      const parts = sealed.split('.');
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      parts[index] = bytes.toString('base64url');
      expect(() => vault.open(parts.join('.'), 'aad')).toThrow(DecryptionError);
    }
    expect(() => vault.open('not an envelope', 'aad')).toThrow(DecryptionError);
  });

  it('decrypts with an older key and encrypts with the current one', () => {
    const oldKey = generateMasterKey();
    const sealedOld = new Vault(new Keyring([oldKey])).seal('legacy', 'aad');
    const rotated = new Vault(new Keyring([generateMasterKey(), oldKey]));
    expect(rotated.open(sealedOld, 'aad')).toBe('legacy');
    expect(Vault.keyIdOf(rotated.seal('new', 'aad'))).toBe(rotated.currentKeyId);
    expect(() => new Vault(new Keyring([generateMasterKey()])).open(sealedOld, 'aad')).toThrow(DecryptionError);
  });
});

describe('master keys', () => {
  it('accepts 32-byte keys as hex or base64 and nothing else', () => {
    const key = generateMasterKey().key;
    expect(decodeMasterKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(decodeMasterKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodeMasterKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(decodeMasterKey('too-short')).toBeNull();
    expect(decodeMasterKey(key.subarray(0, 16).toString('hex'))).toBeNull();
  });

  it('creates DATA_DIR/secret.key with mode 0600 on first start and reuses it after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-keys-'));
    const first = loadKeyring({ dataDir: dir });
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeyring({ dataDir: dir }).current.id).toBe(first.current.id);
  });

  it('lets a running studio read secrets sealed under a key added to the file after it started', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-keys-'));
    const running = new Vault(loadKeyring({ dataDir: dir }));
    const rotator = loadKeyring({ dataDir: dir });
    rotator.addCurrentKey(generateMasterKey());
    const sealedByRotator = new Vault(rotator).seal('after rotation', 'aad');
    expect(running.open(sealedByRotator, 'aad')).toBe('after rotation');
    expect(rotator.all).toHaveLength(2);
  });

  it('refuses a malformed STUDIO_SECRET_KEY naming the variable', () => {
    expect(() => loadKeyring({ secretKey: 'nope', dataDir: '/nonexistent' })).toThrow(/STUDIO_SECRET_KEY/);
  });
});
