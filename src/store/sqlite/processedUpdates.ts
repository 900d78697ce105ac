import type { Db } from '../database.js';
import type { ProcessedUpdateRepository } from '../repositories.js';
import type { ChannelName } from '../../bot/types.js';

/** Update ids already handled per channel, so a redelivery is answered once. */
export class SqliteProcessedUpdateRepository implements ProcessedUpdateRepository {
  private readonly insert;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO processed_update (channel, update_id) VALUES (?, ?)');
    this.purge = db.prepare('DELETE FROM processed_update WHERE seen_at < ?');
  }

  markProcessed(channel: ChannelName, updateId: string): boolean {
    return this.insert.run(channel, updateId).changes === 1;
  }

  purgeBefore(cutoffIso: string): number {
    return this.purge.run(cutoffIso).changes;
  }
}
