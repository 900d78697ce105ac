// Update ids already handled per channel, on Kysely.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { sharedQuery } from '../reusableQuery.js';
import type { ProcessedUpdateRepository } from '../repositories.js';
import type { ChannelName } from '../../bot/types.js';

/** Update ids already handled per channel, so a redelivery is answered once. */
export class KyselyProcessedUpdateRepository implements ProcessedUpdateRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async markProcessed(channel: ChannelName, updateId: string): Promise<boolean> {
    return markProcessed(this.db, channel, updateId);
  }

  async purgeBefore(cutoffIso: string): Promise<number> {
    const result = await this.db.deleteFrom('processed_update').where('seen_at', '<', cutoffIso).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Records an update id; true the first time, false for a redelivery. `db` may be a transaction. */
export async function markProcessed(db: Kysely<DB>, channel: ChannelName, updateId: string): Promise<boolean> {
  const result = await insertUpdateId(db, channel, updateId);
  return Number(result.numAffectedRows) === 1;
}

// Run on every update: compiled once (reusableQuery.ts).
const insertUpdateId = sharedQuery((db, channel: string, updateId: string) =>
  db
    .insertInto('processed_update')
    .values({ channel, update_id: updateId })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing()),
);
