// The choices a person was last shown as a numbered list, kept per channel identity so a
// reply of "2" still means the same choice after a restart.
import type { Kysely } from 'kysely';
import type { ChannelName, Choice } from '../../bot/types.js';
import type { DB } from '../schema.js';

/** The last numbered menu each Zalo identity saw, one row per (channel, external id). */
export class ZaloChoiceMenuRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The menu the person last saw; empty when none (or when the stored one is unreadable). */
  async recall(channel: ChannelName, externalId: string): Promise<Choice[]> {
    const row = await this.db
      .selectFrom('zalo_choice_menu')
      .select('choices')
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (!row) return [];
    try {
      const parsed = JSON.parse(row.choices) as unknown;
      return Array.isArray(parsed) ? (parsed as Choice[]) : [];
    } catch {
      return [];
    }
  }

  /** Replaces the person's menu (an empty list forgets it). */
  async remember(channel: ChannelName, externalId: string, choices: Choice[], at = new Date()): Promise<void> {
    // No row for a message without choices: the erasure confirmation leaves nothing behind.
    if (choices.length === 0) {
      await this.db.deleteFrom('zalo_choice_menu').where('channel', '=', channel).where('external_id', '=', externalId).execute();
      return;
    }
    const row = {
      choices: JSON.stringify(choices.map(({ id, label }) => ({ id, label }))),
      updated_at: at.toISOString(),
    };
    await this.db
      .insertInto('zalo_choice_menu')
      .values({ channel, external_id: externalId, ...row })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doUpdateSet(row))
      .execute();
  }
}
