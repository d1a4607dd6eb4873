// API tokens already checked against the database, kept for a few seconds so a busy token costs no read per call.
import type { findTokenForAuth } from './store.js';

export type VerifiedToken = NonNullable<Awaited<ReturnType<typeof findTokenForAuth>>>;

/** How long a checked token is trusted without reading it again; revocations in this process apply at once. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 5000;
/** Tokens kept at most; the oldest is dropped beyond this. */
const MAX_KEPT = 10_000;

/**
 * By secret hash. Unknown secrets are never kept, so guessing fills nothing. What another studio process changes
 * (a revocation, a role) applies here within the maximum age; what this one changes is dropped at once.
 */
export class VerifiedTokens {
  private readonly kept = new Map<string, { token: VerifiedToken; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxAgeMs = VERIFIED_TOKEN_MAX_AGE_MS,
  ) {}

  get(hash: string): VerifiedToken | undefined {
    const entry = this.kept.get(hash);
    if (!entry) return undefined;
    if (this.now() - entry.at < this.maxAgeMs) return entry.token;
    this.kept.delete(hash);
    return undefined;
  }

  set(hash: string, token: VerifiedToken): void {
    this.kept.delete(hash);
    this.kept.set(hash, { token, at: this.now() });
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
  }

  /** Forgets the tokens matching `test` (a revoked token, a member whose role changed or who left). */
  forget(test: (token: VerifiedToken) => boolean): void {
    for (const [hash, { token }] of this.kept) if (test(token)) this.kept.delete(hash);
  }
}
