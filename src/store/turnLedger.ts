// Whole answers after a crash: the replies to one update are written to the outbox in the
// same transaction that marks the update answered. The channel then sends them itself and
// deletes each row once it went; if the process dies half-way, the outbox worker sends
// the rest at the next start. At most the message being sent at the crash is repeated.
import type { ChannelName, Reply } from '../bot/types.js';
import type { Db } from './database.js';
import { REPLY_PURPOSE, type Outbox } from './outbox.js';
import type { CommittedTurn, TurnLedger } from './repositories.js';
import { randomUUID } from 'node:crypto';

/** The replies to an update, written with its processed mark in one transaction, then sent and removed. */
export class SqliteTurnLedger implements TurnLedger {
  private readonly seen;
  private readonly mark;
  private readonly notice;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {
    this.seen = db.prepare('SELECT 1 FROM processed_update WHERE channel = ? AND update_id = ?');
    this.mark = db.prepare('INSERT OR IGNORE INTO processed_update (channel, update_id) VALUES (?, ?)');
    // Whatever this turn said, the person has now been given the first-contact notice.
    this.notice = db.prepare(
      `UPDATE person SET noticed_at = ? WHERE noticed_at IS NULL
         AND id = (SELECT person_id FROM channel_identity WHERE channel = ? AND external_id = ?)`,
    );
  }

  answered(channel: ChannelName, updateId: string): boolean {
    return this.seen.get(channel, updateId) !== undefined;
  }

  commit(
    turn: { channel: ChannelName; updateId?: string; externalId: string; replies: Reply[] },
    at: Date,
  ): CommittedTurn | undefined {
    const committed = this.db.transaction((): CommittedTurn | undefined => {
      if (turn.updateId !== undefined && this.mark.run(turn.channel, turn.updateId).changes === 0) return undefined;
      this.notice.run(at.toISOString(), turn.channel, turn.externalId);
      const turnKey = turn.updateId ?? `${at.getTime()}-${randomUUID()}`;
      // Behind replies not delivered yet (in flight, or left by a crash or a failed send), this
      // answer waits its turn in the outbox, which sends one chat's messages in order.
      const queued = this.outbox.hasWaitingReplies(turn.channel, turn.externalId);
      const rowIds = turn.replies.map((reply, i) => {
        const row = {
          idempotencyKey: `${REPLY_PURPOSE}:${turn.channel}:${turnKey}:${i}`,
          channel: turn.channel,
          externalId: turn.externalId,
          replies: [reply],
        };
        return queued ? this.outbox.enqueueReply(row, at) : this.outbox.enqueueClaimed({ ...row, purpose: REPLY_PURPOSE }, at);
      });
      return { rowIds, queued };
    })();
    if (committed?.queued) this.outbox.notifyDueNow();
    return committed;
  }

  delivered(rowId: number): void {
    this.outbox.forgetDelivered(rowId);
  }

  handOver(rowIds: number[], at: Date, error: string): void {
    this.outbox.handOver(rowIds, at, error);
  }
}
