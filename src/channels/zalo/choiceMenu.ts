// The choices a person was last shown as a numbered list, kept per channel identity so a
// reply of "2" still means the same choice after a restart.
import type { ChannelName, Choice } from '../../bot/types.js';
import type { Db } from '../../store/database.js';

export class ChoiceMenuRepository {
  private readonly select;
  private readonly upsert;
  private readonly forget;

  constructor(db: Db) {
    this.select = db.prepare<[string, string], { choices: string }>(
      'SELECT choices FROM zalo_choice_menu WHERE channel = ? AND external_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO zalo_choice_menu (channel, external_id, choices, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(channel, external_id) DO UPDATE SET choices = excluded.choices, updated_at = excluded.updated_at`,
    );
    this.forget = db.prepare('DELETE FROM zalo_choice_menu WHERE channel = ? AND external_id = ?');
  }

  recall(channel: ChannelName, externalId: string): Choice[] {
    const row = this.select.get(channel, externalId);
    if (!row) return [];
    try {
      const parsed = JSON.parse(row.choices) as unknown;
      return Array.isArray(parsed) ? (parsed as Choice[]) : [];
    } catch {
      return [];
    }
  }

  /** Replaces the person's menu (an empty list forgets it). */
  remember(channel: ChannelName, externalId: string, choices: Choice[], at = new Date()): void {
    // No row for a message without choices: the erasure confirmation leaves nothing behind.
    if (choices.length === 0) return void this.forget.run(channel, externalId);
    this.upsert.run(channel, externalId, JSON.stringify(choices.map(({ id, label }) => ({ id, label }))), at.toISOString());
  }
}
