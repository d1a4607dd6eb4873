// The usage report and export: ADMINs read their organization's usage, everyone else their own.
import type { UsageEvent, UsageFilter, UsageQuery, UsageReport } from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import { type EventFilter, eventsPage, usageGroups, usageTotals } from './reportStore.js';

const DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
const EXPORT_PAGE = 1000;

export class UsageReports {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async report(principal: Principal, query: UsageQuery): Promise<UsageReport> {
    const filter = this.filterFor(principal, query);
    const [totals, groups] = await Promise.all([
      usageTotals(this.deps.db, filter),
      usageGroups(this.deps.db, filter, query.groupBy),
    ]);
    return {
      groupBy: query.groupBy,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      scope: this.seesOrganization(principal) ? 'organization' : 'self',
      totals,
      groups,
    };
  }

  /** Every matching event, oldest first, read a page at a time so an export of any size is never held whole. */
  async *events(principal: Principal, query: UsageFilter): AsyncGenerator<UsageEvent> {
    const filter = this.filterFor(principal, query);
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await eventsPage(this.deps.db, filter, after, EXPORT_PAGE);
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < EXPORT_PAGE) return;
      after = { at: new Date(last.at), id: last.id };
    }
  }

  /** The period asked for (the last 30 days by default), narrowed to the caller's own calls unless ADMIN. */
  filterFor(principal: Principal, query: UsageFilter): EventFilter {
    const to = query.to ? new Date(query.to) : this.deps.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
    if (from >= to) throw badRequest('`from` must be before `to`');
    const own = !this.seesOrganization(principal);
    if (own && query.userId && query.userId !== principal.userId) {
      throw forbidden('Only an ADMIN may read the usage of other users');
    }
    return {
      orgId: principal.orgId,
      from,
      to,
      ...(own ? { userId: principal.userId } : query.userId ? { userId: query.userId } : {}),
      ...(query.serverId ? { serverId: query.serverId } : {}),
      ...(query.tool ? { tool: query.tool } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
  }

  private seesOrganization(principal: Principal): boolean {
    return principal.ability.can('manage', 'Usage');
  }
}
