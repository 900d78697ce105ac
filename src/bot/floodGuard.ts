// A person who floods the bot gets one polite "slow down" and is then ignored until the
// window passes, so one chat cannot starve everyone else's.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface FloodLimits {
  /** Messages allowed per window. */
  points: number;
  windowSeconds: number;
}

export type FloodVerdict = 'allow' | 'warn' | 'ignore';

/** Counts messages per person and window: past the limit, one warning, then silence until the window passes. */
export class FloodGuard {
  private readonly limiter: RateLimiterMemory;
  private readonly warnedUntil = new Map<string, number>();

  constructor(limits: FloodLimits = { points: 20, windowSeconds: 30 }) {
    this.limiter = new RateLimiterMemory({ points: limits.points, duration: limits.windowSeconds });
  }

  async check(key: string, now = Date.now()): Promise<FloodVerdict> {
    try {
      await this.limiter.consume(key);
      return 'allow';
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const until = this.warnedUntil.get(key);
      if (until !== undefined && until > now) return 'ignore';
      this.warnedUntil.set(key, now + rejection.msBeforeNext);
      if (this.warnedUntil.size > 10_000) this.forgetExpired(now);
      return 'warn';
    }
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.warnedUntil) if (until <= now) this.warnedUntil.delete(key);
  }
}
