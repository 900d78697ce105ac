// What the engine itself keeps about a person beyond the person row: messages waiting for
// them, the last Zalo menu of their chats, and their erasure. Rows keyed by a channel id
// rather than the person (messages addressed to a chat, its unreachable mark, its last
// menu) would outlive the person, so erasure removes them with the person, at once.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ChannelIdentity } from '../repositories.js';
import { AuditLog } from '../core/audit.js';

/** The engine's own rows about a person, read for /dulieucuatoi and removed by /xoadulieu. */
export class PersonDataRepository {
  private readonly audit: AuditLog;

  constructor(private readonly db: Kysely<DB>) {
    this.audit = new AuditLog(db);
  }

  /** Messages waiting to be sent to the person. */
  async pendingMessagesTo(personId: number): Promise<number> {
    const row = await this.db
      .selectFrom('outbox_message')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Whether one of these chats has a numbered Zalo menu on file. */
  async choiceMenuKept(chats: readonly ChannelIdentity[]): Promise<boolean> {
    if (chats.length === 0) return false;
    const row = await this.db
      .selectFrom('zalo_choice_menu')
      .select('channel')
      .where((eb) => eb.or(chats.map((c) => eb.and([eb('channel', '=', c.channel), eb('external_id', '=', c.externalId)]))))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Deletes the person in one transaction: what is kept under their chats' ids, the person
   * (foreign keys take identities, conversation, consent, roles and messages naming them)
   * and, naming no one, the record that it was done.
   */
  async erasePerson(personId: number, at: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const chats = await trx
        .selectFrom('channel_identity')
        .select(['channel', 'external_id'])
        .where('person_id', '=', personId)
        .execute();
      if (chats.length > 0) {
        // Messages addressed to a chat (sent ones too), its unreachable mark, its last menu.
        for (const table of ['outbox_message', 'channel_unreachable', 'zalo_choice_menu'] as const)
          await trx
            .deleteFrom(table)
            .where((eb) =>
              eb.or(chats.map((c) => eb.and([eb('channel', '=', c.channel), eb('external_id', '=', c.external_id)]))),
            )
            .execute();
      }
      await trx.deleteFrom('person').where('id', '=', personId).execute();
      // The record of the request outlives the person; it names no one.
      await this.audit.record({ action: 'person.data_deleted', subject: `person:${personId}`, at }, trx);
    });
  }
}
