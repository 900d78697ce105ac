// Whole answers after a crash: the replies to one update are written to the outbox in the
// same transaction that marks the update answered. The channel then sends them itself and
// deletes each row once it went; if the process dies half-way, the outbox worker sends
// the rest at the next start. At most the message being sent at the crash is repeated.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { ChannelName, Reply } from '../../bot/types.js';
import type { DB } from '../schema.js';
import type { CommittedTurn, TurnLedger } from '../repositories.js';
import { REPLY_PURPOSE } from './outboxMessage.js';
import { type Outbox, hasWaitingReplies, insertReplyRows } from './outbox.js';
import { markProcessed } from './processedUpdates.js';
import { sharedQuery, transaction } from '../reusableQuery.js';

/** The replies to an update, written with its processed mark in one transaction, then sent and removed. */
export class KyselyTurnLedger implements TurnLedger {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly outbox: Outbox,
  ) {}

  async answered(channel: ChannelName, updateId: string): Promise<boolean> {
    return (await seenUpdate(this.db, channel, updateId)).rows.length > 0;
  }

  async commit(
    turn: { channel: ChannelName; updateId?: string; externalId: string; replies: Reply[] },
    at: Date,
  ): Promise<CommittedTurn | undefined> {
    const committed = await transaction(this.db, async (trx): Promise<CommittedTurn | undefined> => {
      if (turn.updateId !== undefined && !(await markProcessed(trx, turn.channel, turn.updateId))) return undefined;
      await markNoticed(trx, turn.channel, turn.externalId, at);
      const turnKey = turn.updateId ?? `${at.getTime()}-${randomUUID()}`;
      // Behind replies not delivered yet (in flight, or left by a crash or a failed send), this
      // answer waits its turn in the outbox, which sends one chat's messages in order.
      const queued = await hasWaitingReplies(trx, turn.channel, turn.externalId);
      const rowIds = await insertReplyRows(
        trx,
        turn.replies.map((reply, i) => ({
          idempotencyKey: `${REPLY_PURPOSE}:${turn.channel}:${turnKey}:${i}`,
          channel: turn.channel,
          externalId: turn.externalId,
          purpose: REPLY_PURPOSE,
          replies: [reply],
          status: queued ? 'pending' : 'sending',
        })),
        at,
        this.outbox.leaseMs,
        // Claimed by this process, which sends them now: its own sender never takes them back.
        this.outbox.claimant,
      );
      return { rowIds, queued };
    });
    if (committed?.queued) this.outbox.notifyDueNow();
    return committed;
  }

  async delivered(rowId: number): Promise<void> {
    await this.outbox.forgetDelivered(rowId);
  }

  async handOver(rowIds: number[], at: Date, error: string): Promise<void> {
    await this.outbox.handOver(rowIds, at, error);
  }
}

/** Whatever this turn said, the person has now been given the first-contact notice. */
async function markNoticed(db: Kysely<DB>, channel: ChannelName, externalId: string, at: Date): Promise<void> {
  await noticeIdentity(db, channel, externalId, at.toISOString());
}

// Run on every turn: compiled once (reusableQuery.ts).
const seenUpdate = sharedQuery((db, channel: string, updateId: string) =>
  db
    .selectFrom('processed_update')
    .select(sql.lit(1).as('seen'))
    .where('channel', '=', channel)
    .where('update_id', '=', updateId),
);
const noticeIdentity = sharedQuery((db, channel: string, externalId: string, at: string) =>
  db
    .updateTable('person')
    .set({ noticed_at: at })
    .where('noticed_at', 'is', null)
    .where('id', '=', (eb) =>
      eb.selectFrom('channel_identity').select('person_id').where('channel', '=', channel).where('external_id', '=', externalId),
    ),
);
