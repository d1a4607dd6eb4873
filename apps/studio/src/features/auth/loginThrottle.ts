// Failed-login limits per account and per IP address (in memory; a Redis store comes with the distributed mode).
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { tooManyRequests } from '../../platform/http/errors.js';

export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;

  constructor(opts: { maxFailures: number; lockoutSeconds: number }) {
    this.perAccount = new RateLimiterMemory({ points: opts.maxFailures, duration: opts.lockoutSeconds });
    // One address may try several accounts (a shared office), but not without bound.
    this.perIp = new RateLimiterMemory({ points: opts.maxFailures * 4, duration: opts.lockoutSeconds });
  }

  /** Throws 429 (with Retry-After) when the account or the address has used up its failures. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(email), this.perIp.get(ip)]);
    const blocked = [
      account && account.consumedPoints >= this.perAccount.points ? account : null,
      address && address.consumedPoints >= this.perIp.points ? address : null,
    ].filter((r) => r !== null);
    if (blocked.length > 0) {
      const waitMs = Math.max(...blocked.map((r) => r.msBeforeNext));
      throw tooManyRequests('Too many failed sign-in attempts; try again later', Math.max(1, Math.ceil(waitMs / 1000)));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(email, 1), this.perIp.penalty(ip, 1)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
