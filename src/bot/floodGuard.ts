// A person who floods the bot gets one polite "slow down" and is then ignored until the
// window passes, so one chat cannot starve everyone else's.
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { FloodCounter, FloodLimits } from '../store/coordination/floodCounts.js';

export type { FloodLimits } from '../store/coordination/floodCounts.js';

export const DEFAULT_FLOOD_LIMITS: FloodLimits = { points: 20, windowSeconds: 30 };

export type FloodVerdict = 'allow' | 'warn' | 'ignore';

/** Counts messages per person and window: past the limit, one warning, then silence until the window passes. */
export class FloodGuard {
  constructor(
    private readonly counter: FloodCounter,
    private readonly limits: FloodLimits = DEFAULT_FLOOD_LIMITS,
  ) {}

  async check(key: string): Promise<FloodVerdict> {
    try {
      await this.counter.consume(key);
      return 'allow';
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // The count is kept where every replica sees it: exactly one message is the first over
      // the limit, and only that one is warned, whichever replica it reached.
      return rejection.consumedPoints === this.limits.points + 1 ? 'warn' : 'ignore';
    }
  }
}
