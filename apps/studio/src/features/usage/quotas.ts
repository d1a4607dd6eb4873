// Daily quotas per user: a call is counted before it is forwarded, and given back if it never reached its server.
import type { Plan, QuotaStatus } from '@mcp-studio/protocol';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { organizations } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events/bus.js';
import { AppError } from '../../platform/http/errors.js';
import { nextUtcMidnight, utcDay } from './day.js';
import { addToCount, type CounterKey, takeOne, usedOn } from './quotaStore.js';
import type { UnlimitedCounts } from './unlimitedCounts.js';

export interface QuotaDeps {
  db: Db;
  clock: Clock;
  /** Tells of plan changes, so a new plan applies to the next call. */
  bus: EventBus;
  /** Calls per UTC day by plan; a plan absent here is unlimited. */
  dailyLimits: Partial<Record<Plan, number>>;
  /** Where the calls of unlimited plans are counted, off the request path. */
  unlimited: UnlimitedCounts;
}

/** A counted call. Releasing it (once) gives the count back. */
export interface Admission {
  release(): Promise<void>;
}

export class QuotaExceededError extends AppError {
  constructor(
    readonly limit: number,
    readonly resetAt: Date,
    now: Date,
  ) {
    const retryAfter = String(Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)));
    super(
      'quota_exceeded',
      429,
      `Daily quota of ${limit} MCP calls reached; it resets at ${resetAt.toISOString()}. Upgrade the plan for more.`,
      undefined,
      {
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': retryAfter,
        'retry-after': retryAfter,
      },
      { limit, remaining: 0, reset_at: resetAt.toISOString() },
    );
  }
}

/** How long a plan read from the database is used without hearing of a change (changes made elsewhere). */
const PLAN_MAX_AGE_MS = 5000;

export class QuotaService {
  private readonly plans = new Map<string, { plan: Promise<Plan>; at: number }>();

  constructor(private readonly deps: QuotaDeps) {
    deps.bus.subscribe((event) => {
      if (event.type !== 'organization_updated' || !event.orgId) return;
      this.plans.delete(event.orgId);
      // The plan may have gained a limit: what its users did while unlimited must be in the counts it checks.
      void this.deps.unlimited.flush();
    });
  }

  /**
   * Counts one call for the principal's user today, or throws QuotaExceededError without counting it. Under a limit
   * the count is taken in the database before the call goes on; without one there is nothing to check, and the
   * count is written with the next batch.
   */
  async admit(principal: Principal): Promise<Admission> {
    const now = this.deps.clock.now();
    const key = this.keyFor(principal, now);
    const limit = await this.limitOf(principal.orgId);
    const { unlimited, db } = this.deps;
    if (limit === null) {
      unlimited.add(key, 1);
      return releaseOnce(async () => unlimited.add(key, -1));
    }
    // Counts from a time the plan had no limit go to the database first, so the check sees them.
    await unlimited.written(key);
    const used = await takeOne(db, key, limit);
    if (used === null) throw new QuotaExceededError(limit, nextUtcMidnight(now), now);
    return releaseOnce(() => addToCount(db, key, -1));
  }

  async status(principal: Principal): Promise<QuotaStatus> {
    const now = this.deps.clock.now();
    const plan = await this.planOf(principal.orgId);
    const limit = this.deps.dailyLimits[plan] ?? null;
    const key = this.keyFor(principal, now);
    const used = (await usedOn(this.deps.db, key)) + this.deps.unlimited.waitingFor(key);
    return {
      plan,
      limit,
      used,
      remaining: limit === null ? null : Math.max(0, limit - used),
      reset_at: nextUtcMidnight(now).toISOString(),
    };
  }

  private keyFor(principal: Principal, now: Date): CounterKey {
    return { orgId: principal.orgId, userId: principal.userId, day: utcDay(now) };
  }

  private async limitOf(orgId: string): Promise<number | null> {
    return this.deps.dailyLimits[await this.planOf(orgId)] ?? null;
  }

  private planOf(orgId: string): Promise<Plan> {
    const now = performance.now();
    const cached = this.plans.get(orgId);
    if (cached && now - cached.at < PLAN_MAX_AGE_MS) return cached.plan;
    const plan = this.readPlan(orgId);
    this.plans.set(orgId, { plan, at: now });
    plan.catch(() => this.plans.delete(orgId));
    return plan;
  }

  private async readPlan(orgId: string): Promise<Plan> {
    const rows = await this.deps.db
      .select({ plan: organizations.plan })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    return (rows[0]?.plan ?? 'FREE') as Plan;
  }
}

function releaseOnce(release: () => Promise<void>): Admission {
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await release();
    },
  };
}
