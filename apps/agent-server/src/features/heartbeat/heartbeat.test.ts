import { describe, expect, it } from 'vitest';
import { backoffDelay } from './heartbeat.js';

describe('heartbeat backoff', () => {
  it('doubles from the base with jitter in the upper half of each step, and stops growing at the cap', () => {
    for (let failures = 1; failures <= 12; failures += 1) {
      const step = Math.min(60_000, 1000 * 2 ** (failures - 1));
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelay(failures, 1000);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }
    }
    expect(backoffDelay(1000, 1000)).toBeLessThanOrEqual(60_000);
  });
});
