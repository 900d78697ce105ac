// Reminder pauses (migration 008): one row per person who paused the optional reminders.
import type { Kysely } from 'kysely';
import { pauseInForce, type ReminderPause } from '../../campaign/reminders/pauses.js';
import type { DB } from '../schema.js';

const toPause = (row: { paused_at: string; until: string | null }): ReminderPause => ({
  pausedAt: new Date(row.paused_at),
  ...(row.until ? { until: new Date(row.until) } : {}),
});

/** Who paused the reminders that are not essential, and until when. */
export class KyselyReminderPauses {
  constructor(private readonly db: Kysely<DB>) {}

  /** Pauses from `at`, until `until` or until resumed; replaces an earlier pause. */
  async pause(personId: number, at: Date, until?: Date): Promise<void> {
    const values = { paused_at: at.toISOString(), until: until?.toISOString() ?? null };
    await this.db
      .insertInto('reminder_pause')
      .values({ person_id: personId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute();
  }

  /** False when nothing was paused. */
  async resume(personId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('reminder_pause').where('person_id', '=', personId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The pause in force at `at`, if any. */
  async at(personId: number, at: Date): Promise<ReminderPause | undefined> {
    const row = await this.db
      .selectFrom('reminder_pause')
      .select(['paused_at', 'until'])
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return pauseInForce(row && toPause(row), at);
  }

  async isPaused(personId: number, at: Date): Promise<boolean> {
    return (await this.at(personId, at)) !== undefined;
  }

  /** Every stored pause by person, in force or not: one read for a whole planning pass. */
  async all(): Promise<Map<number, ReminderPause>> {
    const rows = await this.db.selectFrom('reminder_pause').select(['person_id', 'paused_at', 'until']).execute();
    return new Map(rows.map((r) => [r.person_id, toPause(r)]));
  }
}
