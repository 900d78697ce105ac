// A person's pause of the reminders that are not essential: until a date, or until they
// turn reminders back on. Essential ones (after a deadline, escalations) always go.
import type { Db } from '../../store/database.js';

export interface ReminderPause {
  pausedAt: Date;
  /** Undefined: until the person turns reminders back on. */
  until?: Date;
}

export class ReminderPauses {
  constructor(private readonly db: Db) {}

  pause(personId: number, at: Date, until?: Date): void {
    this.db
      .prepare(
        `INSERT INTO reminder_pause (person_id, paused_at, until) VALUES (?, ?, ?)
         ON CONFLICT(person_id) DO UPDATE SET paused_at = excluded.paused_at, until = excluded.until`,
      )
      .run(personId, at.toISOString(), until?.toISOString() ?? null);
  }

  /** False when nothing was paused. */
  resume(personId: number): boolean {
    return this.db.prepare('DELETE FROM reminder_pause WHERE person_id = ?').run(personId).changes > 0;
  }

  /** The pause in force at `at`, if any. */
  at(personId: number, at: Date): ReminderPause | undefined {
    const row = this.db.prepare('SELECT paused_at, until FROM reminder_pause WHERE person_id = ?').get(personId) as
      { paused_at: string; until: string | null } | undefined;
    if (!row) return undefined;
    const pause: ReminderPause = { pausedAt: new Date(row.paused_at), ...(row.until ? { until: new Date(row.until) } : {}) };
    return pause.until && pause.until <= at ? undefined : pause;
  }

  isPaused(personId: number, at: Date): boolean {
    return this.at(personId, at) !== undefined;
  }
}
