// Accounts and sessions: register, sign in, rotate refresh tokens, sign out, accept invitations.
import { randomUUID } from 'node:crypto';
import type {
  AbilityRule,
  AcceptInviteBody,
  Me,
  Member,
  Plan,
  RegisterBody,
  Role,
  SessionTokens,
  SetupStatus,
} from '@mcp-studio/protocol';
import { sql } from 'drizzle-orm';
import { defineAbilityFor } from '../../platform/auth/abilities.js';
import type { AccessTokens } from '../../platform/auth/jwt.js';
import type { Clock } from '../../platform/clock.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/crypto/passwords.js';
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { organizations, users } from '../../platform/db/schema.js';
import { AppError, conflict, forbidden, unauthorized } from '../../platform/http/errors.js';
import { acceptInvitation, findPendingInvitation } from '../orgs/store.js';
import type { LoginThrottle } from './loginThrottle.js';
import { presentUser } from './present.js';
import * as store from './store.js';

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  accessTokens: AccessTokens;
  throttle: LoginThrottle;
  registration: 'invite' | 'open';
  refreshTokenTtlDays: number;
  /** Told when someone joins an organization by invitation. */
  onMemberJoined?: (orgId: string, member: Member) => void;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

const REFRESH_PREFIX = 'mcpr_';
const emailTaken = () => conflict('email_taken', 'An account with this email already exists');
/** Serializes registrations, so two "first users" cannot both create an organization. */
const REGISTRATION_LOCK = 7_201_001;

export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  async setupStatus(): Promise<SetupStatus> {
    return { needsFirstUser: (await store.countUsers(this.deps.db)) === 0, registration: this.deps.registration };
  }

  /** The first user, or anyone when registration is open, creates an organization and becomes its ADMIN. */
  async register(body: RegisterBody, client: ClientInfo): Promise<SessionTokens> {
    const passwordHash = await hashPassword(body.password);
    const userId = randomUUID();
    const orgId = randomUUID();
    try {
      await this.deps.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK})`);
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
        if ((row?.n ?? 0) > 0 && this.deps.registration !== 'open') {
          throw forbidden('Registration is by invitation; ask an administrator to invite you', 'registration_closed');
        }
        await tx.insert(organizations).values({
          id: orgId,
          name: body.organizationName ?? `${body.name}'s organization`,
          plan: 'FREE',
        });
        await tx
          .insert(users)
          .values({ id: userId, orgId, email: body.email, name: body.name, role: 'ADMIN', passwordHash });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
    return this.startSession({ id: userId, orgId, email: body.email, name: body.name, role: 'ADMIN' }, client);
  }

  async login(email: string, password: string, client: ClientInfo): Promise<SessionTokens> {
    await this.deps.throttle.assertAllowed(email, client.ip);
    const user = await store.findUserByEmail(this.deps.db, email);
    const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !isValid) {
      await this.deps.throttle.recordFailure(email, client.ip);
      throw unauthorized('Wrong email or password', 'invalid_credentials');
    }
    await this.deps.throttle.recordSuccess(email);
    return this.startSession(user, client);
  }

  /** Rotates the refresh token. A spent token used again revokes its whole session family. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const now = this.deps.clock.now();
    const found = await store.findRefreshToken(this.deps.db, hashSecret(refreshToken));
    if (!found) throw unauthorized('Unknown refresh token', 'invalid_refresh_token');
    const { token, session } = found;
    if (session.revokedAt || session.expiresAt <= now) {
      throw unauthorized('This session has ended; sign in again', 'session_ended');
    }
    const next = { id: randomUUID(), sessionId: session.id, secret: generateSecret(REFRESH_PREFIX) };
    const isRotated =
      !token.usedAt &&
      (await store.rotateRefreshToken(
        this.deps.db,
        token.id,
        { id: next.id, sessionId: session.id, tokenHash: hashSecret(next.secret) },
        now,
      ));
    if (!isRotated) {
      await store.revokeSession(this.deps.db, session.id, 'refresh_token_reuse', now);
      throw unauthorized('This refresh token was already used; the session has been revoked', 'refresh_token_reused');
    }
    const current = await store.findUserWithOrg(this.deps.db, session.userId);
    if (!current) throw unauthorized('This account no longer exists', 'session_ended');
    return this.tokensFor(current.user, session.id, next.secret, now);
  }

  async logout(sessionId: string | undefined, refreshToken: string | undefined): Promise<void> {
    const now = this.deps.clock.now();
    if (sessionId) await store.revokeSession(this.deps.db, sessionId, 'logout', now);
    if (refreshToken) {
      const found = await store.findRefreshToken(this.deps.db, hashSecret(refreshToken));
      if (found) await store.revokeSession(this.deps.db, found.session.id, 'logout', now);
    }
  }

  async me(userId: string): Promise<Me> {
    const found = await store.findUserWithOrg(this.deps.db, userId);
    if (!found) throw unauthorized('This account no longer exists', 'session_ended');
    return {
      user: presentUser(found.user),
      organization: { id: found.org.id, name: found.org.name, plan: found.org.plan as Plan },
      rules: defineAbilityFor({ id: found.user.id, role: found.user.role as Role }).rules as AbilityRule[],
    };
  }

  async acceptInvite(body: AcceptInviteBody, client: ClientInfo): Promise<SessionTokens> {
    const now = this.deps.clock.now();
    const invitation = await findPendingInvitation(this.deps.db, hashSecret(body.token), now);
    if (!invitation) {
      throw new AppError('invalid_invitation', 400, 'This invitation link is invalid, used, revoked or expired');
    }
    const user = {
      id: randomUUID(),
      orgId: invitation.orgId,
      email: invitation.email,
      name: body.name,
      role: invitation.role as Role,
    };
    const passwordHash = await hashPassword(body.password);
    try {
      const isAccepted = await acceptInvitation(this.deps.db, invitation.id, { ...user, passwordHash }, now);
      if (!isAccepted) throw new AppError('invalid_invitation', 400, 'This invitation has already been used');
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
    this.deps.onMemberJoined?.(user.orgId, { ...presentUser(user), createdAt: now.toISOString() });
    return this.startSession(user, client);
  }

  private async startSession(
    user: { id: string; orgId: string; email: string; name: string; role: string },
    client: ClientInfo,
  ): Promise<SessionTokens> {
    const now = this.deps.clock.now();
    const sessionId = randomUUID();
    const refreshSecret = generateSecret(REFRESH_PREFIX);
    await store.insertSession(
      this.deps.db,
      {
        id: sessionId,
        userId: user.id,
        orgId: user.orgId,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.deps.refreshTokenTtlDays * 86_400_000),
      },
      { id: randomUUID(), tokenHash: hashSecret(refreshSecret) },
    );
    return this.tokensFor(user, sessionId, refreshSecret, now);
  }

  private async tokensFor(
    user: { id: string; orgId: string; email: string; name: string; role: string },
    sessionId: string,
    refreshToken: string,
    now: Date,
  ): Promise<SessionTokens> {
    const accessToken = await this.deps.accessTokens.sign({ userId: user.id, sessionId, orgId: user.orgId }, now);
    return { accessToken, refreshToken, expiresIn: this.deps.accessTokens.ttlSeconds, user: presentUser(user) };
  }
}
