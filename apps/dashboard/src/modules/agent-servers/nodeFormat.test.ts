import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelative, formatUptime, usedPercent } from './nodeFormat';

describe('node figures as shown', () => {
  it('writes sizes in binary units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(8 * 1024 ** 3)).toBe('8.0 GiB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GiB');
  });

  it('gives the share used, or nothing for an unknown capacity', () => {
    expect(usedPercent({ totalBytes: 200, freeBytes: 50 })).toBe(75);
    expect(usedPercent({ totalBytes: 0, freeBytes: 0 })).toBeNull();
    expect(usedPercent(null)).toBeNull();
  });

  it('says how long ago a heartbeat was, in the reader’s language', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(formatRelative('2026-03-01T11:59:55Z', now, 'en')).toBe('5 seconds ago');
    expect(formatRelative('2026-03-01T11:58:00Z', now, 'en')).toBe('2 minutes ago');
    expect(formatRelative('2026-02-28T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-03-01T11:58:00Z', now, 'fr')).toBe('il y a 2 minutes');
  });

  it('writes uptimes in days, hours and minutes', () => {
    expect(formatUptime(42)).toBe('42s');
    expect(formatUptime(3 * 60)).toBe('3m');
    expect(formatUptime(93_784)).toBe('1d 2h 3m');
  });
});
