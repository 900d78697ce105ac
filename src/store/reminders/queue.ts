// Which reminders are already in the outbox, asked for a whole planning pass at once (the
// scheduler checks every planned reminder on every channel, every minute).
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Keys per query: well under any engine's limit on bound parameters. */
const CHUNK = 500;

/** Reads on the outbox for the reminder scheduler. */
export class KyselyReminderQueue {
  constructor(private readonly db: Kysely<DB>) {}

  /** The idempotency keys among `keys` that are already queued (whatever became of them since). */
  async queuedKeys(keys: readonly string[]): Promise<Set<string>> {
    const queued = new Set<string>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('outbox_message')
        .select('idempotency_key')
        .where('idempotency_key', 'in', unique.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) queued.add(row.idempotency_key);
    }
    return queued;
  }
}
