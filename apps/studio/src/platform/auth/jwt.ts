// Short-lived access tokens: HS256 JWTs signed with a key derived from the current master key (kid = key id).
import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Keyring } from '../crypto/keyring.js';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  orgId: string;
}

const ISSUER = 'mcp-studio';

export class AccessTokens {
  private readonly derived = new Map<string, Uint8Array>();

  constructor(
    private readonly keyring: Keyring,
    readonly ttlSeconds: number,
  ) {}

  private signingKey(keyId: string): Uint8Array | undefined {
    let key = this.derived.get(keyId);
    if (!key) {
      const master = this.keyring.find(keyId);
      if (!master) return undefined;
      key = new Uint8Array(hkdfSync('sha256', master.key, Buffer.alloc(0), 'mcp-studio access-token v1', 32));
      this.derived.set(keyId, key);
    }
    return key;
  }

  async sign(claims: AccessClaims, now: Date): Promise<string> {
    const kid = this.keyring.current.id;
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId, org: claims.orgId })
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(ISSUER)
      .setSubject(claims.userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.signingKey(kid)!);
  }

  /** Returns the claims, or null for anything invalid or expired. */
  async verify(token: string, now: Date): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? this.signingKey(header.kid) : undefined;
          if (!key) throw new Error('unknown key');
          return key;
        },
        { issuer: ISSUER, algorithms: ['HS256'], currentDate: now },
      );
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.org !== 'string') {
        return null;
      }
      return { userId: payload.sub, sessionId: payload.sid, orgId: payload.org };
    } catch {
      return null;
    }
  }
}
