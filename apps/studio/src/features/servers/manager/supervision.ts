// Restart policy for supervised stdio servers: exponential backoff with jitter, and crash-loop detection.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0 = none, 1 = "full jitter": the delay is drawn from [(1 - jitter) × d, d]. */
  jitter: number;
}

export interface CrashLoopPolicy {
  /** This many exits within `windowMs` mark the server `down`. */
  exits: number;
  windowMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, jitter: 0.5 };
export const DEFAULT_CRASH_LOOP: CrashLoopPolicy = { exits: 5, windowMs: 60_000 };

/** The wait before restart number `attempt` (1-based); `random` is injectable for tests. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(exponential * (1 - jitter * random()));
}

/** Exit times within a sliding window. */
export class CrashWindow {
  private exits: number[] = [];

  constructor(
    private readonly policy: CrashLoopPolicy,
    private readonly now: () => number,
  ) {}

  /** Records an exit; returns how many exits the window now holds. */
  record(): number {
    const at = this.now();
    this.exits = this.exits.filter((time) => at - time < this.policy.windowMs);
    this.exits.push(at);
    return this.exits.length;
  }

  isLooping(): boolean {
    return this.exits.length >= this.policy.exits;
  }

  reset(): void {
    this.exits = [];
  }
}
