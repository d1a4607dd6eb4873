// Report rows shaped for the charts and tables: every day of the period present, groups ranked by errors.
import type { QuotaStatus, UsageGroupRow } from '@mcp-studio/protocol';
import { addDays } from './usageFilters';

export interface DayPoint {
  day: string;
  calls: number;
  /** Calls that neither failed nor were rejected. */
  ok: number;
  errors: number;
  rejected: number;
  p50: number | null;
  p95: number | null;
}

/** One point per day from `from` to `to` (both included): days without calls are zeros, not gaps in the bars. */
export function daySeries(groups: UsageGroupRow[], from: string, to: string): DayPoint[] {
  const byDay = new Map(groups.map((row) => [row.key, row]));
  const points: DayPoint[] = [];
  // A period is at most what a person picks in two date fields; the cap keeps a typo from freezing the tab.
  for (let day = from, i = 0; day <= to && i < 3660; day = addDays(day, 1), i++) {
    const row = byDay.get(day);
    points.push({
      day,
      calls: row?.calls ?? 0,
      ok: row ? Math.max(0, row.calls - row.errors - row.rejected) : 0,
      errors: row?.errors ?? 0,
      rejected: row?.rejected ?? 0,
      p50: row?.latencyP50Ms ?? null,
      p95: row?.latencyP95Ms ?? null,
    });
  }
  return points;
}

/** The day with the most calls, or null when there were none. */
export function busiestDay(points: DayPoint[]): DayPoint | null {
  return points.reduce<DayPoint | null>((best, point) => (point.calls > (best?.calls ?? 0) ? point : best), null);
}

/** Groups with errors first, most errors first; then the busiest. */
export function rankByErrors(groups: UsageGroupRow[]): UsageGroupRow[] {
  return [...groups].sort((a, b) => b.errors - a.errors || b.calls - a.calls || a.label.localeCompare(b.label));
}

export type QuotaLevel = 'none' | 'warning' | 'reached';

/** From 80 % of a limited plan's daily calls a warning; at the limit, the calls are refused. */
export function quotaLevel(quota: Pick<QuotaStatus, 'limit' | 'used'>): QuotaLevel {
  if (quota.limit === null) return 'none';
  if (quota.used >= quota.limit) return 'reached';
  return quota.used * 5 >= quota.limit * 4 ? 'warning' : 'none';
}

/** The share of the limit used, rounded down so 99.6 % never reads as 100 %. */
export function quotaShare(quota: Pick<QuotaStatus, 'limit' | 'used'>): number | null {
  if (quota.limit === null) return null;
  if (quota.limit === 0) return 1;
  return Math.min(1, Math.floor((quota.used * 100) / quota.limit) / 100);
}
