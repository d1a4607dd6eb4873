import { describe, expect, it } from 'vitest';
import { daySeries, quotaLevel, quotaShare, rankByErrors } from './usageSeries';

const row = (key: string, calls: number, errors = 0, rejected = 0) => ({
  key,
  label: key,
  calls,
  errors,
  rejected,
  latencyP50Ms: calls ? 10 : null,
  latencyP95Ms: calls ? 40 : null,
  bytesIn: 0,
  bytesOut: 0,
  tokensIn: 0,
  tokensOut: 0,
});

describe('usage series', () => {
  it('gives every day of the period a point, zeros where nothing was called, successes apart from failures', () => {
    const points = daySeries([row('2025-03-09', 5, 1, 2)], '2025-03-08', '2025-03-10');
    expect(points.map((p) => [p.day, p.calls, p.ok, p.errors, p.rejected, p.p50])).toEqual([
      ['2025-03-08', 0, 0, 0, 0, null],
      ['2025-03-09', 5, 2, 1, 2, 10],
      ['2025-03-10', 0, 0, 0, 0, null],
    ]);
  });

  it('ranks groups by errors, then by calls', () => {
    const ranked = rankByErrors([row('quiet', 1), row('busy', 9), row('failing', 2, 2)]);
    expect(ranked.map((r) => r.key)).toEqual(['failing', 'busy', 'quiet']);
  });

  it('warns from 80 % of a limited quota and reports it reached at the limit', () => {
    expect(quotaLevel({ limit: 5, used: 3 })).toBe('none');
    expect(quotaLevel({ limit: 5, used: 4 })).toBe('warning');
    expect(quotaLevel({ limit: 200, used: 160 })).toBe('warning');
    expect(quotaLevel({ limit: 200, used: 159 })).toBe('none');
    expect(quotaLevel({ limit: 5, used: 5 })).toBe('reached');
    expect(quotaLevel({ limit: 0, used: 0 })).toBe('reached');
    expect(quotaLevel({ limit: null, used: 10_000 })).toBe('none');
    expect(quotaShare({ limit: 1000, used: 999 })).toBe(0.99);
    expect(quotaShare({ limit: 5, used: 4 })).toBe(0.8);
  });
});
