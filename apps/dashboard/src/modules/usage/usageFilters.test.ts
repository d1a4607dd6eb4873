import { describe, expect, it } from 'vitest';
import {
  exportPath,
  filtersFromParams,
  isPeriodValid,
  presetOf,
  presetPeriod,
  reportPath,
  withFilter,
} from './usageFilters';

const NOW = new Date('2025-03-10T23:30:00Z');
const SERVER = '5b0f7c52-9d0e-4d35-9a55-6f1f3c8f2a10';

describe('the Usage page filters in the URL', () => {
  it('defaults to the last 30 UTC days, today included, and ignores malformed values', () => {
    const filters = filtersFromParams(new URLSearchParams('from=yesterday&to=2025-13-45&status=maybe&tool=%20'), NOW);
    expect(filters).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(presetOf(filters, NOW)).toBe(30);
  });

  it('reads every filter back and sends the API an exclusive end, a day after the last day shown', () => {
    const params = new URLSearchParams({
      userId: 'u1',
      serverId: SERVER,
      tool: ' echo ',
      status: 'error',
      from: '2025-03-01',
      to: '2025-03-07',
    });
    const filters = filtersFromParams(params, NOW);
    expect(filters).toEqual({
      userId: 'u1',
      serverId: SERVER,
      tool: 'echo',
      status: 'error',
      from: '2025-03-01',
      to: '2025-03-07',
    });
    const report = new URL(reportPath(filters, 'tool'), 'http://x');
    expect(report.pathname).toBe('/api/v1/external-mcp/usage');
    expect(Object.fromEntries(report.searchParams)).toEqual({
      userId: 'u1',
      serverId: SERVER,
      tool: 'echo',
      status: 'error',
      from: '2025-03-01',
      to: '2025-03-08',
      groupBy: 'tool',
    });
    const csv = new URL(exportPath(filters, 'csv'), 'http://x');
    expect(csv.pathname).toBe('/api/v1/external-mcp/usage/export');
    expect(csv.searchParams.get('format')).toBe('csv');
    expect(csv.searchParams.get('to')).toBe('2025-03-08');
  });

  it('crosses month ends and leap days when it makes the end exclusive', () => {
    const filters = filtersFromParams(new URLSearchParams('from=2024-02-01&to=2024-02-29'), NOW);
    expect(new URL(reportPath(filters, 'day'), 'http://x').searchParams.get('to')).toBe('2024-03-01');
  });

  it('removes a filter set to nothing and keeps the others', () => {
    const next = withFilter(new URLSearchParams('serverId=a&tool=echo'), { serverId: '', status: 'ok' });
    expect(next.toString()).toBe('tool=echo&status=ok');
  });

  it('knows the 7-day preset and a period that ends before it starts', () => {
    const week = presetPeriod(7, NOW);
    expect(week).toEqual({ from: '2025-03-04', to: '2025-03-10' });
    expect(presetOf(week, NOW)).toBe(7);
    expect(presetOf({ from: '2025-03-05', to: '2025-03-10' }, NOW)).toBeNull();
    expect(isPeriodValid({ from: '2025-03-10', to: '2025-03-10' })).toBe(true);
    expect(isPeriodValid({ from: '2025-03-11', to: '2025-03-10' })).toBe(false);
  });
});
