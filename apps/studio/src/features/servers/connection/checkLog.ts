// The steps of "Test connection" as the API reports them: each with its outcome and how long it took.
import type { ConnectionCheck } from '@mcp-studio/protocol';

export type CheckName = ConnectionCheck['check'];

/** What a listing step reports when the server does not advertise the capability: not a failure. */
export const NOT_OFFERED = 'not offered';

/** Appends checks in order; each one's latency runs from the end of the previous one (or the start). */
export class CheckLog {
  readonly checks: ConnectionCheck[] = [];
  private lastAt: number;

  constructor(startedAt: number) {
    this.lastAt = startedAt;
  }

  pass(check: CheckName, message?: string, at: number = performance.now()): void {
    this.add({ check, ok: true, ...(message ? { message } : {}) }, at);
  }

  fail(check: CheckName, message: string, at: number = performance.now()): void {
    this.add({ check, ok: false, message }, at);
  }

  private add(entry: Omit<ConnectionCheck, 'latencyMs'>, at: number): void {
    this.checks.push({ ...entry, latencyMs: Math.max(0, Math.round(at - this.lastAt)) });
    this.lastAt = Math.max(this.lastAt, at);
  }
}
