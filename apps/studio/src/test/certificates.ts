// Test certificate authorities and the server and client certificates they sign, made with WebCrypto (ECDSA P-256).
import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';

/**
 * @peculiar/x509 registers its classes with tsyringe, which insists on a `reflect-metadata` polyfill that is not
 * installed; these three functions are all it uses of it.
 */
function installReflectMetadata(): void {
  const store = new WeakMap<object, Map<unknown, unknown>>();
  const reflect = Reflect as unknown as Record<string, unknown>;
  const own = (key: unknown, target: object) => store.get(target)?.get(key);
  reflect.getOwnMetadata ??= own;
  reflect.getMetadata ??= (key: unknown, target: object) => {
    for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at)) {
      if (store.get(at)?.has(key)) return own(key, at);
    }
    return undefined;
  };
  reflect.defineMetadata ??= (key: unknown, value: unknown, target: object) => {
    const entries = store.get(target) ?? new Map<unknown, unknown>();
    entries.set(key, value);
    store.set(target, entries);
  };
}
installReflectMetadata();
const x509: typeof X509 = await import('@peculiar/x509');
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Pem {
  cert: string;
  key: string;
}

export interface TestAuthority extends Pem {
  /** Signs a certificate for a TLS server reachable under these DNS names and IP addresses. */
  issueServer(names: { dns?: string[]; ip?: string[] }): Promise<Pem>;
  /** Signs a certificate for a TLS client named `commonName`. */
  issueClient(commonName: string): Promise<Pem>;
}

async function keyPair(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function validity() {
  const now = Date.now();
  return { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + DAY_MS) };
}

export async function createAuthority(commonName: string): Promise<TestAuthority> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: ALGORITHM,
    ...validity(),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });

  async function issue(subject: string, extensions: X509.Extension[]): Promise<Pem> {
    const leafKeys = await keyPair();
    const leaf = await x509.X509CertificateGenerator.create({
      subject,
      issuer: cert.subject,
      publicKey: leafKeys.publicKey,
      signingKey: keys.privateKey,
      signingAlgorithm: ALGORITHM,
      ...validity(),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.AuthorityKeyIdentifierExtension.create(cert),
        ...extensions,
      ],
    });
    return { cert: leaf.toString('pem'), key: await privateKeyPem(leafKeys.privateKey) };
  }

  return {
    cert: cert.toString('pem'),
    key: await privateKeyPem(keys.privateKey),
    issueServer: ({ dns = [], ip = [] }) =>
      issue(`CN=${dns[0] ?? ip[0] ?? 'server'}`, [
        new x509.SubjectAlternativeNameExtension([
          ...dns.map((value) => ({ type: 'dns' as const, value })),
          ...ip.map((value) => ({ type: 'ip' as const, value })),
        ]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ]),
    issueClient: (commonName) =>
      issue(`CN=${commonName}`, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
  };
}
