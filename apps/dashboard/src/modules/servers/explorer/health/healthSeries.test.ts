import type { HealthCheck } from '@mcp-studio/protocol';
import { describe, expect, it } from 'vitest';
import { bucketStatuses, isHealthRange, summarizeHealth, toHealthPoints } from './healthSeries';

const check = (minute: number, ok: boolean, latencyMs: number | null, status: HealthCheck['status']): HealthCheck => ({
  checkedAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
  ok,
  latencyMs,
  status,
  error: ok ? null : 'ping timed out',
});

const checks = [
  check(0, true, 10, 'healthy'),
  check(1, true, 30, 'healthy'),
  check(2, false, null, 'warning'),
  check(3, true, 20, 'healthy'),
  check(4, true, 2500, 'warning'),
];

describe('health series', () => {
  it('turns checks into points whose line breaks at failures, which are marked on the axis', () => {
    const points = toHealthPoints([...checks].reverse());
    expect(points.map((p) => p.latencyMs)).toEqual([10, 30, null, 20, 2500]);
    expect(points.map((p) => p.failure)).toEqual([null, null, 0, null, null]);
    expect(points[2]?.error).toBe('ping timed out');
    expect(points[0]?.at).toBe(Date.UTC(2026, 0, 1, 12, 0));
  });

  it('summarizes uptime, average and 95th percentile latency over successful checks', () => {
    expect(summarizeHealth(checks)).toEqual({
      checks: 5,
      failures: 1,
      uptime: 0.8,
      averageLatencyMs: 640,
      p95LatencyMs: 2500,
    });
    expect(summarizeHealth([])).toEqual({
      checks: 0,
      failures: 0,
      uptime: null,
      averageLatencyMs: null,
      p95LatencyMs: null,
    });
  });

  it('keeps the worst status of each slot of the range, so one failure among many checks stays visible', () => {
    const since = Date.UTC(2026, 0, 1, 12, 0);
    const points = toHealthPoints([...checks, check(4, false, null, 'down')]);
    expect(bucketStatuses(points, since, since + 6 * 60_000, 6)).toEqual([
      'healthy',
      'healthy',
      'warning',
      'healthy',
      'down',
      'none',
    ]);
  });

  it('accepts only the offered ranges', () => {
    expect(isHealthRange('7d')).toBe(true);
    expect(isHealthRange('30d')).toBe(false);
    expect(isHealthRange(null)).toBe(false);
  });
});
