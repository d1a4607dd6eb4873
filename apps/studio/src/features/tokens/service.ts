// API tokens: create (secret shown once), list, revoke (kept for audit), delete, and authenticate.
import { randomUUID } from 'node:crypto';
import {
  API_TOKEN_PREFIX,
  type ApiToken,
  type CreatedToken,
  type CreateTokenBody,
  type Role,
} from '@mcp-studio/protocol';
import { hasPermission } from '../../platform/auth/permissions.js';
import { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { presentToken } from './present.js';
import * as store from './store.js';
import { type VerifiedToken, VerifiedTokens } from './verifiedTokens.js';

export interface TokenServiceDeps {
  db: Db;
  clock: Clock;
  /** Member changes (role, removal) drop that member's tokens from memory. */
  bus: EventBus;
}

const MEMBER_CHANGES = new Set(['member_updated', 'member_removed']);

const PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;
const TOUCH_INTERVAL_MS = 60_000;

export class TokenService {
  /** When this process last recorded each token's use, so a busy token costs one write a minute, not one a call. */
  private readonly lastTouched = new Map<string, number>();
  private readonly verified: VerifiedTokens;
  private readonly principals = new WeakMap<VerifiedToken, Principal>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: TokenServiceDeps) {
    this.verified = new VerifiedTokens(() => deps.clock.now().getTime());
    this.unsubscribe = deps.bus.subscribe((event) => {
      if (!MEMBER_CHANGES.has(event.type)) return;
      const userId = (event.data as { id?: unknown } | null)?.id;
      this.verified.forget((found) => found.token.userId === userId);
    });
  }

  close(): void {
    this.unsubscribe();
  }

  async create(principal: Principal, body: CreateTokenBody): Promise<CreatedToken> {
    const now = this.deps.clock.now();
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw badRequest('expiresAt must be in the future');
    // A token may not mint a token broader than itself.
    const granted = principal.permissions;
    const broader = granted ? body.permissions.filter((p) => !hasPermission(granted, p)) : [];
    if (broader.length > 0) {
      throw forbidden(
        `This token cannot grant permissions it does not hold: ${broader.join(', ')}`,
        'insufficient_scope',
      );
    }
    const secret = generateSecret(API_TOKEN_PREFIX);
    const row = await store.insertToken(this.deps.db, {
      id: randomUUID(),
      orgId: principal.orgId,
      userId: principal.userId,
      name: body.name,
      permissions: [...new Set(body.permissions)],
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, PREFIX_LENGTH),
      createdAt: now,
      expiresAt,
    });
    return { token: secret, apiToken: presentToken(row) };
  }

  /** One's own tokens; an ADMIN may ask for the whole organization's. */
  async list(principal: Principal, scope: 'mine' | 'org'): Promise<ApiToken[]> {
    if (scope === 'org' && !principal.ability.can('manage', 'all')) {
      throw forbidden('Only an ADMIN can list every token of the organization');
    }
    const rows = await store.listTokens(this.deps.db, principal.orgId, scope === 'org' ? undefined : principal.userId);
    return rows.map(presentToken);
  }

  async revoke(principal: Principal, id: string): Promise<ApiToken> {
    await this.findManageable(principal, id, 'update');
    const row = await store.revokeToken(this.deps.db, id, this.deps.clock.now());
    this.verified.forget((found) => found.token.id === id);
    if (!row) throw notFound('API token');
    return presentToken(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.findManageable(principal, id, 'delete');
    await store.deleteToken(this.deps.db, id);
    this.verified.forget((found) => found.token.id === id);
  }

  /** The principal a presented `mcps_` secret stands for, or null when unknown, revoked or expired. */
  async authenticate(secret: string): Promise<Principal | null> {
    const now = this.deps.clock.now();
    const hash = hashSecret(secret);
    const found = this.verified.get(hash) ?? (await this.read(hash));
    if (!found || found.token.revokedAt || (found.token.expiresAt && found.token.expiresAt <= now)) return null;
    const touchedAt = this.lastTouched.get(found.token.id) ?? 0;
    if (now.getTime() - touchedAt >= TOUCH_INTERVAL_MS) {
      this.lastTouched.set(found.token.id, now.getTime());
      void store.touchToken(this.deps.db, found.token.id, now).catch(() => undefined);
    }
    return this.principalOf(found);
  }

  /** One principal (and CASL ability) per verified token, made again when the token is read again. */
  private principalOf(found: VerifiedToken): Principal {
    let principal = this.principals.get(found);
    if (!principal) {
      principal = new Principal({
        kind: 'api_token',
        userId: found.token.userId,
        orgId: found.userOrgId,
        role: found.role as Role,
        tokenId: found.token.id,
        permissions: found.token.permissions,
      });
      this.principals.set(found, principal);
    }
    return principal;
  }

  private async read(hash: string) {
    const found = await store.findTokenForAuth(this.deps.db, hash);
    if (found) this.verified.set(hash, found);
    return found;
  }

  private async findManageable(principal: Principal, id: string, action: 'update' | 'delete') {
    const row = await store.findToken(this.deps.db, principal.orgId, id);
    if (!row || !principal.canOn(action, 'ApiToken', { userId: row.userId })) throw notFound('API token');
    return row;
  }
}
