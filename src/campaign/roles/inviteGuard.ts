// Bounds the guessing of invite codes. Failures are counted per chat identity (channel +
// external id, not the person row, so /xoadulieu or a new person does not reset them) and
// across the whole bot (so a second, third… chat does not either). Past the bot-wide
// budget every check waits for a short pause after the last failure: a sustained attack
// gets at most one guess a minute, and an official with a real code is only delayed.
import { createHmac } from 'node:crypto';
import type { Db } from '../../store/database.js';
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

export class InviteGuard {
  private readonly key: string;

  constructor(
    private readonly db: Db,
    identity: ChannelIdentity | { personId: number },
  ) {
    const salt = (db.prepare("SELECT value FROM invite_guard WHERE name = 'salt'").get() as { value: string }).value;
    const who = 'personId' in identity ? `person:${identity.personId}` : `${identity.channel}:${identity.externalId}`;
    this.key = createHmac('sha256', Buffer.from(salt, 'hex')).update(who).digest('hex');
  }

  /** Whether a code may be checked now; also forgets failures older than the window. */
  verdict(now: Date): GuardVerdict {
    const since = windowStart(now);
    this.db.prepare('DELETE FROM invite_failure WHERE attempted_at <= ?').run(since);
    const mine = this.count(
      'SELECT count(*) AS n FROM invite_failure WHERE identity_hash = ? AND attempted_at > ?',
      this.key,
      since,
    );
    if (mine >= MAX_FAILED_ATTEMPTS) return 'locked';
    if (this.globalFailures(since) < GLOBAL_FAILURES_PER_HOUR) return 'open';
    const last = this.db.prepare('SELECT max(attempted_at) AS at FROM invite_failure').get() as { at: string | null };
    const pauseEnds = last.at ? Date.parse(last.at) + GLOBAL_PAUSE_SECONDS * 1000 : 0;
    return now.getTime() >= pauseEnds ? 'open' : 'slowedDown';
  }

  /** Counts a wrong code; logs one warning per window once the bot-wide budget is spent. */
  fail(now: Date, log?: GuardLogger): void {
    this.db.prepare('INSERT INTO invite_failure (identity_hash, attempted_at) VALUES (?, ?)').run(this.key, now.toISOString());
    const since = windowStart(now);
    const failures = this.globalFailures(since);
    if (failures < GLOBAL_FAILURES_PER_HOUR) return;
    const alerted = this.db.prepare("SELECT value FROM invite_guard WHERE name = 'alerted_at'").get() as
      { value: string } | undefined;
    if (alerted && alerted.value > since) return;
    this.db.prepare("INSERT OR REPLACE INTO invite_guard (name, value) VALUES ('alerted_at', ?)").run(now.toISOString());
    // Neither the codes nor who sent them: only that guessing is going on.
    log?.warn(
      { failuresLastHour: failures, pauseSeconds: GLOBAL_PAUSE_SECONDS },
      'many wrong invitation codes: every /dangky now waits between checks; consider revoking open invitations',
    );
  }

  private globalFailures(since: string): number {
    return this.count('SELECT count(*) AS n FROM invite_failure WHERE attempted_at > ?', since);
  }

  private count(sql: string, ...params: string[]): number {
    return (this.db.prepare(sql).get(...params) as { n: number }).n;
  }
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000).toISOString();
}
