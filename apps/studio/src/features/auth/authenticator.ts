// Turns a bearer credential (access JWT or `mcps_` API token) into a Principal, or null.
import { API_TOKEN_PREFIX, type Role } from '@mcp-studio/protocol';
import type { AccessTokens } from '../../platform/auth/jwt.js';
import { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { TokenService } from '../tokens/service.js';
import { findLiveSession } from './store.js';

export class Authenticator {
  constructor(private readonly deps: { db: Db; clock: Clock; accessTokens: AccessTokens; tokens: TokenService }) {}

  async authenticate(bearer: string): Promise<Principal | null> {
    if (bearer.startsWith(API_TOKEN_PREFIX)) return this.deps.tokens.authenticate(bearer);
    const now = this.deps.clock.now();
    const claims = await this.deps.accessTokens.verify(bearer, now);
    if (!claims) return null;
    // The session is read on every request, so sign-out and role changes take effect at once.
    const session = await findLiveSession(this.deps.db, claims.sessionId, now);
    if (!session || session.userId !== claims.userId) return null;
    return new Principal({
      kind: 'session',
      userId: session.userId,
      orgId: session.orgId,
      role: session.role as Role,
      sessionId: claims.sessionId,
    });
  }
}

export function bearerFrom(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
