// The one rule from a check's outcome to a server's status: failures count up to `down`, a success resets them.
import type { McpServer } from '@mcp-studio/protocol';

/** Failed checks in a row that make a server `down`; fewer leave it at `warning`. */
export const FAILURES_UNTIL_DOWN = 3;

export interface CheckVerdict {
  ok: boolean;
  /** A successful answer that took longer than the slow threshold. */
  isSlow: boolean;
  /** A failure that settles the matter on its own (the supervisor gave up after a crash loop): `down` at once. */
  isConclusive?: boolean;
}

export interface NextHealth {
  status: McpServer['status'];
  consecutiveFailures: number;
}

export function nextHealth(consecutiveFailures: number, verdict: CheckVerdict): NextHealth {
  if (verdict.ok) return { status: verdict.isSlow ? 'warning' : 'healthy', consecutiveFailures: 0 };
  const failures = verdict.isConclusive
    ? Math.max(consecutiveFailures + 1, FAILURES_UNTIL_DOWN)
    : consecutiveFailures + 1;
  return { status: failures >= FAILURES_UNTIL_DOWN ? 'down' : 'warning', consecutiveFailures: failures };
}
