// A server's health checks as a chart series and a summary: uptime, typical and slow latency, failures.
import type { HealthCheck } from '@mcp-studio/protocol';

export const HEALTH_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
export type HealthRange = keyof typeof HEALTH_RANGES;

export function isHealthRange(value: string | null): value is HealthRange {
  return value !== null && value in HEALTH_RANGES;
}

export interface HealthPoint {
  /** Epoch milliseconds of the check. */
  at: number;
  /** Latency of a successful check; null for a failed one, so the line breaks there. */
  latencyMs: number | null;
  /** 0 for a failed check (drawn as a marker on the axis), null otherwise. */
  failure: number | null;
  status: HealthCheck['status'];
  error: string | null;
}

export function toHealthPoints(checks: HealthCheck[]): HealthPoint[] {
  return checks
    .map((check) => ({
      at: Date.parse(check.checkedAt),
      latencyMs: check.ok ? check.latencyMs : null,
      failure: check.ok ? null : 0,
      status: check.status,
      error: check.error,
    }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
}

export interface HealthSummary {
  checks: number;
  failures: number;
  /** Share of successful checks, 0–1; null without checks. */
  uptime: number | null;
  averageLatencyMs: number | null;
  /** The latency 95 % of successful checks stayed under (nearest rank). */
  p95LatencyMs: number | null;
}

export function summarizeHealth(checks: HealthCheck[]): HealthSummary {
  const latencies = checks
    .filter((c) => c.ok && c.latencyMs !== null)
    .map((c) => c.latencyMs as number)
    .sort((a, b) => a - b);
  const failures = checks.filter((c) => !c.ok).length;
  const average =
    latencies.length === 0 ? null : Math.round(latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length);
  const rank = Math.ceil(0.95 * latencies.length) - 1;
  return {
    checks: checks.length,
    failures,
    uptime: checks.length === 0 ? null : (checks.length - failures) / checks.length,
    averageLatencyMs: average,
    p95LatencyMs: latencies.length === 0 ? null : (latencies[Math.max(0, rank)] ?? null),
  };
}

export type BucketStatus = HealthCheck['status'] | 'none';

const SEVERITY: Record<BucketStatus, number> = { none: 0, unknown: 1, healthy: 2, warning: 3, down: 4 };

/**
 * The range cut into `count` equal slots, each showing the worst status checked in it ('none' without a check), so a
 * single failure stays visible however many checks the range holds.
 */
export function bucketStatuses(points: HealthPoint[], since: number, until: number, count: number): BucketStatus[] {
  const buckets: BucketStatus[] = Array.from({ length: count }, () => 'none');
  const span = until - since;
  if (span <= 0 || count <= 0) return buckets;
  for (const point of points) {
    if (point.at < since || point.at > until) continue;
    const index = Math.min(count - 1, Math.floor(((point.at - since) / span) * count));
    const current = buckets[index] ?? 'none';
    if (SEVERITY[point.status] > SEVERITY[current]) buckets[index] = point.status;
  }
  return buckets;
}
