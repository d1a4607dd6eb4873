// The Usage page's filters as URL search params (so a view can be shared) and as the API's query string.
import { USAGE_STATUSES, type UsageGroup, type UsageStatus } from '@mcp-studio/protocol';

/**
 * What the page shows. `from` and `to` are UTC days (YYYY-MM-DD), both included, as a person reads a period;
 * the API's `to` is exclusive, so the query adds a day.
 */
export interface UsageFilters {
  userId?: string;
  serverId?: string;
  tool?: string;
  status?: UsageStatus;
  from: string;
  to: string;
}

export type PeriodPreset = 7 | 30;
export const PERIOD_PRESETS: readonly PeriodPreset[] = [7, 30];
/** The period when the URL names none: the last 30 days, as the API's own default. */
export const DEFAULT_PERIOD_DAYS: PeriodPreset = 30;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant, as YYYY-MM-DD: usage days and quotas count in UTC. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

export function isDay(value: string | null | undefined): value is string {
  return !!value && DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The last `days` days, today included. */
export function presetPeriod(days: PeriodPreset, now: Date): { from: string; to: string } {
  const to = utcDay(now);
  return { from: addDays(to, -(days - 1)), to };
}

/** Which preset a period is, if it is one. */
export function presetOf(filters: Pick<UsageFilters, 'from' | 'to'>, now: Date): PeriodPreset | null {
  return (
    PERIOD_PRESETS.find((days) => {
      const period = presetPeriod(days, now);
      return period.from === filters.from && period.to === filters.to;
    }) ?? null
  );
}

function isStatus(value: string | null): value is UsageStatus {
  return (USAGE_STATUSES as readonly string[]).includes(value ?? '');
}

/** Reads the filters from the URL; anything missing or malformed falls back to "all" and the default period. */
export function filtersFromParams(params: URLSearchParams, now: Date): UsageFilters {
  const fallback = presetPeriod(DEFAULT_PERIOD_DAYS, now);
  const from = params.get('from');
  const to = params.get('to');
  const status = params.get('status');
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const filters: UsageFilters = {
    from: isDay(from) ? from : fallback.from,
    to: isDay(to) ? to : fallback.to,
  };
  const userId = text('userId');
  const serverId = text('serverId');
  const tool = text('tool');
  if (userId) filters.userId = userId;
  if (serverId) filters.serverId = serverId;
  if (tool) filters.tool = tool;
  if (isStatus(status)) filters.status = status;
  return filters;
}

/** A change to the URL: `undefined` or an empty string removes a filter. */
export function withFilter(
  params: URLSearchParams,
  changes: Partial<Record<keyof UsageFilters, string | undefined>>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value?.trim()) next.set(name, value.trim());
    else next.delete(name);
  }
  return next;
}

/** A start after the end selects nothing; the page says so instead of asking. */
export function isPeriodValid(filters: Pick<UsageFilters, 'from' | 'to'>): boolean {
  return filters.from <= filters.to;
}

/** The filters as the query string of the report and the export (`to` made exclusive). */
export function filterQuery(filters: UsageFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.userId) query.set('userId', filters.userId);
  if (filters.serverId) query.set('serverId', filters.serverId);
  if (filters.tool) query.set('tool', filters.tool);
  if (filters.status) query.set('status', filters.status);
  query.set('from', filters.from);
  query.set('to', addDays(filters.to, 1));
  return query;
}

export function reportPath(filters: UsageFilters, groupBy: UsageGroup): string {
  const query = filterQuery(filters);
  query.set('groupBy', groupBy);
  return `/api/v1/external-mcp/usage?${query}`;
}

export function exportPath(filters: UsageFilters, format: 'csv' | 'json'): string {
  const query = filterQuery(filters);
  query.set('format', format);
  return `/api/v1/external-mcp/usage/export?${query}`;
}
