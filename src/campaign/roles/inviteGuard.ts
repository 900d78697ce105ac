// Bounds the guessing of invite codes. Failures are counted per chat identity (channel +
// external id, not the person row, so /xoadulieu or a new person does not reset them) and
// across the whole bot (so a second, third… chat does not either). Past the bot-wide
// budget every check waits for a short pause after the last failure: a sustained attack
// gets at most one guess a minute, and an official with a real code is only delayed.
// The counting lives in the store (store.inviteGuard); the rules and the keying live here.
import { createHmac } from 'node:crypto';
import type { ChannelIdentity } from '../../store/repositories.js';

/** Wrong codes one chat identity may send per window before it must wait. */
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MINUTES = 60;
/** Wrong codes the whole bot accepts per window at full speed. */
export const GLOBAL_FAILURES_PER_HOUR = 20;
/** Past that budget, the pause after any failure before the next code is checked. */
export const GLOBAL_PAUSE_SECONDS = 60;

export interface GuardLogger {
  warn(obj: object, msg?: string): void;
}

/** open: check the code; locked: this identity must wait; slowedDown: everyone must wait. */
export type GuardVerdict = 'open' | 'locked' | 'slowedDown';

/** Failures within the window: this identity's, everyone's, and the latest one's time. */
export interface GuardCounts {
  mine: number;
  all: number;
  lastFailureAt: string | null;
}

/** The failure counting the guard needs from the store, on one executor (the redeeming transaction). */
export interface InviteGuardCounter {
  /** Forgets failures at or before `since`, then counts the ones after it. */
  countSince(identityKey: string, since: string): Promise<GuardCounts>;
  /** Records a failure; returns how many the whole bot has had after `since`. */
  recordFailure(identityKey: string, at: string, since: string): Promise<number>;
  /** When the last bot-wide warning was logged, if ever. */
  alertedAt(): Promise<string | undefined>;
  markAlerted(at: string): Promise<void>;
}

/** The identity as stored: an HMAC under the installation's salt, never a chat id or a person. */
export function guardKey(saltHex: string, identity: ChannelIdentity | { personId: number }): string {
  const who = 'personId' in identity ? `person:${identity.personId}` : `${identity.channel}:${identity.externalId}`;
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(who).digest('hex');
}

export class InviteGuard {
  private readonly key: string;

  constructor(
    private readonly counter: InviteGuardCounter,
    saltHex: string,
    identity: ChannelIdentity | { personId: number },
  ) {
    this.key = guardKey(saltHex, identity);
  }

  /** Whether a code may be checked now; also forgets failures older than the window. */
  async verdict(now: Date): Promise<GuardVerdict> {
    const counts = await this.counter.countSince(this.key, windowStart(now));
    if (counts.mine >= MAX_FAILED_ATTEMPTS) return 'locked';
    if (counts.all < GLOBAL_FAILURES_PER_HOUR) return 'open';
    const pauseEnds = counts.lastFailureAt ? Date.parse(counts.lastFailureAt) + GLOBAL_PAUSE_SECONDS * 1000 : 0;
    return now.getTime() >= pauseEnds ? 'open' : 'slowedDown';
  }

  /** Counts a wrong code; logs one warning per window once the bot-wide budget is spent. */
  async fail(now: Date, log?: GuardLogger): Promise<void> {
    const since = windowStart(now);
    const failures = await this.counter.recordFailure(this.key, now.toISOString(), since);
    if (failures < GLOBAL_FAILURES_PER_HOUR) return;
    const alerted = await this.counter.alertedAt();
    if (alerted !== undefined && alerted > since) return;
    await this.counter.markAlerted(now.toISOString());
    // Neither the codes nor who sent them: only that guessing is going on.
    log?.warn(
      { failuresLastHour: failures, pauseSeconds: GLOBAL_PAUSE_SECONDS },
      'many wrong invitation codes: every /dangky now waits between checks; consider revoking open invitations',
    );
  }
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000).toISOString();
}
