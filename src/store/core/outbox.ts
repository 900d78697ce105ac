// The durable outbox, on Kysely: what to send, to whom, when, and whether it went. Rows move
// pending → sending → sent (or unreachable / expired / failed); a crash between "sending"
// and "sent" puts the row back to pending at start, since it was never confirmed. A claim
// names the process holding it (claimed_by): a live process never loses its own claims,
// and what it says late about a claim another sender took over since changes nothing.
import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { ChannelName } from '../../bot/types.js';
import type { DB } from '../schema.js';
import { sharedQuery } from '../reusableQuery.js';
import {
  MESSAGE_COLUMNS,
  type OutboxEntry,
  type OutboxMessage,
  type OutboxRow,
  type OutboxStatus,
  REPLY_PURPOSE,
  encodeReplies,
  toMessage,
} from './outboxMessage.js';

/** A reply row as its sender queues it: already "sending" (being delivered now) or "pending" (behind others). */
export interface ReplyRow extends Pick<OutboxEntry, 'idempotencyKey' | 'channel' | 'externalId' | 'purpose' | 'replies'> {
  status: 'sending' | 'pending';
}

/**
 * Inserts reply rows in one statement; returns their ids in the order given. `db` may be a
 * transaction (the turn ledger's). Rows already "sending" are claimed by `claimant` (the
 * inserting process's Outbox.claimant): its own sender leaves them to it, however long
 * the delivery takes. Without one they are anyone's once their lease has run out.
 */
export async function insertReplyRows(
  db: Kysely<DB>,
  rows: ReplyRow[],
  now: Date,
  leaseMs: number,
  claimant?: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const at = now.toISOString();
  // A reply being sent now counts its first attempt; one queued behind others has none yet.
  const values = rows.flatMap((r) => [
    r.idempotencyKey,
    r.channel,
    r.externalId,
    r.purpose,
    encodeReplies(r.replies),
    r.status,
    r.status === 'sending' ? 1 : 0,
    r.status === 'sending' ? leaseFrom(now, leaseMs) : null,
    r.status === 'sending' ? (claimant ?? null) : null,
  ]);
  const insert = replyInserts[rows.length - 1] ?? (replyInserts[rows.length - 1] = replyInsert(rows.length));
  const inserted = (await insert(db, at, ...values)).rows;
  // RETURNING promises no order: the keys say which id is which row.
  const ids = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  return rows.map((r) => ids.get(r.idempotencyKey)!);
}

/**
 * How long a claim holds a message by default: far longer than a send takes, even paced
 * behind a fan-out (OUTBOX_LEASE_SECONDS sets it).
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/** When a claim made at `now` runs out. */
function leaseFrom(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

/** The values each reply row binds in the INSERT below. */
const REPLY_FIELDS = 9;

/** One turn's replies in one INSERT, compiled once per number of replies (reusableQuery.ts). */
function replyInsert(count: number) {
  return sharedQuery((db, at: string, ...values: (string | number | null)[]) =>
    db
      .insertInto('outbox_message')
      .values(
        Array.from({ length: count }, (_, i) => {
          const [key, channel, externalId, purpose, payload, status, attempts, leaseUntil, claimedBy] = values.slice(
            i * REPLY_FIELDS,
            (i + 1) * REPLY_FIELDS,
          ) as [string, string, string, string, string, string, number, string | null, string | null];
          return {
            idempotency_key: key,
            person_id: null,
            channel,
            external_id: externalId,
            purpose,
            payload,
            status,
            attempts,
            lease_until: leaseUntil,
            claimed_by: claimedBy,
            not_before: at,
            next_attempt_at: at,
            created_at: at,
          };
        }),
      )
      .returning(['id', 'idempotency_key']),
  );
}
const replyInserts: ReturnType<typeof replyInsert>[] = [];

/** True while earlier replies to this chat are not delivered yet (in flight, or left to the worker). */
export async function hasWaitingReplies(db: Kysely<DB>, channel: ChannelName, externalId: string): Promise<boolean> {
  return (await waitingReply(db, channel, externalId)).rows.length > 0;
}

// Asked on every turn: compiled once (reusableQuery.ts). The constants are written into the
// SQL, not bound: with bound statuses SQLite's planner picks the status index over the
// recipient's, several times slower on a busy outbox.
const waitingReply = sharedQuery((db, channel: string, externalId: string) =>
  db
    .selectFrom('outbox_message')
    .select('id')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .where('purpose', '=', sql.lit(REPLY_PURPOSE))
    .where('status', 'in', [sql.lit('pending'), sql.lit('sending')])
    .limit(sql.lit(1)),
);
// A reply another sender took back and claimed again since is that sender's to confirm.
const deleteDelivered = sharedQuery((db, id: number, claimant: string) =>
  db.deleteFrom('outbox_message').where('id', '=', id).where(heldOrUnclaimed(claimant)),
);

/** Messages waiting to be sent: queued by key at most once, claimed when due, retried, expired. */
export class Outbox {
  // In memory, not data: who to wake when a message is queued to go at once.
  private readonly dueNowListeners: (() => void)[] = [];

  /** Several replicas share the database (PostgreSQL): claims skip rows another replica is claiming, and recovery waits out leases. */
  private readonly replicas: boolean;
  /** How long a claim holds a message before another sender may take it back. */
  readonly leaseMs: number;
  /** Names this process's claims (one Outbox per process): its own are never taken back while it runs. */
  readonly claimant = randomUUID();

  constructor(
    private readonly db: Kysely<DB>,
    options: { replicas?: boolean; leaseMs?: number } = {},
  ) {
    this.replicas = options.replicas ?? false;
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  }

  /** Called whenever a message is queued to go at once (so the sender need not wait to poll). */
  onDueNow(listener: () => void): void {
    this.dueNowListeners.push(listener);
  }

  /** Wakes the sender for rows queued to go at once. */
  notifyDueNow(): void {
    for (const listener of this.dueNowListeners) listener();
  }

  /** True when queued now; false when a message with this key was queued before. */
  async enqueue(entry: OutboxEntry, now = new Date()): Promise<boolean> {
    const result = await this.db
      .insertInto('outbox_message')
      .values({
        idempotency_key: entry.idempotencyKey,
        person_id: entry.personId ?? null,
        about_person_id: entry.aboutPersonId ?? null,
        channel: entry.channel,
        external_id: entry.externalId,
        purpose: entry.purpose,
        payload: encodeReplies(entry.replies),
        not_before: entry.notBefore.toISOString(),
        next_attempt_at: entry.notBefore.toISOString(),
        expires_at: entry.expiresAt?.toISOString() ?? null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    const queued = Number(result.numInsertedOrUpdatedRows) === 1;
    if (queued && entry.notBefore.getTime() <= now.getTime()) this.notifyDueNow();
    return queued;
  }

  /**
   * Queues a reply its sender is delivering itself right now (already "sending", so the
   * worker leaves it alone unless the process dies first). Returns the row id.
   */
  async enqueueClaimed(
    entry: Pick<OutboxEntry, 'idempotencyKey' | 'channel' | 'externalId' | 'purpose' | 'replies'>,
    now: Date,
  ): Promise<number> {
    const [id] = await insertReplyRows(this.db, [{ ...entry, status: 'sending' }], now, this.leaseMs, this.claimant);
    return id!;
  }

  /** True while earlier replies to this chat are not delivered yet (in flight, or left to the worker). */
  hasWaitingReplies(channel: ChannelName, externalId: string): Promise<boolean> {
    return hasWaitingReplies(this.db, channel, externalId);
  }

  /** Queues a reply behind earlier ones, for the worker to send in order. */
  async enqueueReply(
    entry: Pick<OutboxEntry, 'idempotencyKey' | 'channel' | 'externalId' | 'replies'>,
    now: Date,
  ): Promise<number> {
    const [id] = await insertReplyRows(this.db, [{ ...entry, purpose: REPLY_PURPOSE, status: 'pending' }], now, this.leaseMs);
    return id!;
  }

  /** A reply that reached the person has no further use: the row, and the chat id in it, go. */
  async forgetDelivered(id: number): Promise<void> {
    await deleteDelivered(this.db, id, this.claimant);
  }

  /** Replies their sender could not deliver now go to the worker, from `at`. */
  async handOver(ids: number[], at: Date, error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox_message')
      .set({ status: 'pending', next_attempt_at: at.toISOString(), last_error: error })
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .where(heldOrUnclaimed(this.claimant))
      .execute();
  }

  /**
   * Takes up to `limit` due messages and marks them in flight (expired ones are dropped
   * first); only those for `channels` when given, so a sender never holds rows it cannot
   * send (the terminal chat reads its own).
   */
  async claimDue(now: Date, limit: number, channels?: readonly ChannelName[]): Promise<OutboxMessage[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      await expire(trx, at);
      if (channels?.length === 0) return [];
      const rows = await trx
        .selectFrom('outbox_message as m')
        .select('m.id')
        .where('m.status', '=', 'pending')
        .where('m.next_attempt_at', '<=', at)
        .$if(channels !== undefined, (q) => q.where('m.channel', 'in', channels!))
        // One chat's messages go in order: none while an earlier one to the same chat is in
        // flight, or is an answer still waiting (even one waiting out a failure's back-off).
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('outbox_message as o')
                .select('o.id')
                .whereRef('o.channel', '=', 'm.channel')
                .whereRef('o.external_id', '=', 'm.external_id')
                .whereRef('o.id', '<', 'm.id')
                .where((o) =>
                  o.or([
                    o('o.status', '=', 'sending'),
                    o.and([o('o.status', '=', 'pending'), o('o.purpose', '=', REPLY_PURPOSE)]),
                  ]),
                ),
            ),
          ),
        )
        .orderBy('m.next_attempt_at')
        .orderBy('m.id')
        .limit(limit)
        .$if(this.replicas, (q) => q.forUpdate('m').skipLocked())
        .execute();
      return markSending(
        trx,
        rows.map((r) => r.id),
        now,
        this.leaseMs,
        this.claimant,
      );
    });
  }

  /**
   * Takes the due messages to one recipient, oldest first, and marks them in flight: the
   * terminal chat shows its own person what the outbox holds for them.
   */
  async claimDueTo(channel: ChannelName, externalId: string, now: Date, limit: number): Promise<OutboxMessage[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      await expire(trx, at);
      const rows = await trx
        .selectFrom('outbox_message')
        .select('id')
        .where('channel', '=', channel)
        .where('external_id', '=', externalId)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .$if(this.replicas, (q) => q.forUpdate().skipLocked())
        .execute();
      return markSending(
        trx,
        rows.map((r) => r.id),
        now,
        this.leaseMs,
        this.claimant,
      );
    });
  }

  // What a claim's holder reports about it counts only while no other sender has claimed the
  // message since. The outcome of a send (sent, or never to go) also counts when the claim was
  // taken back but not yet taken again: sending it again would repeat it. Putting a message
  // back counts only while it is still held: otherwise it is back in the queue already.

  async markSent(id: number, at: Date): Promise<void> {
    // A reply is deleted once sent (see forgetDelivered); other messages stay as a record.
    const deleted = await this.db
      .deleteFrom('outbox_message')
      .where('id', '=', id)
      .where('purpose', '=', REPLY_PURPOSE)
      .where(this.lastClaimed())
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0) return;
    await this.db
      .updateTable('outbox_message')
      .set({ status: 'sent', sent_at: at.toISOString(), last_error: null })
      .where('id', '=', id)
      .where(this.lastClaimed())
      .execute();
  }

  async retryAt(id: number, at: Date, error: string): Promise<void> {
    await this.db
      .updateTable('outbox_message')
      .set({ status: 'pending', next_attempt_at: at.toISOString(), last_error: error })
      .where('id', '=', id)
      .where(this.held())
      .execute();
  }

  /**
   * Holds a claimed message for another lease from `now`, if this process holds it still
   * (no other sender took it back meanwhile); says whether it does.
   */
  async renew(id: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox_message')
      .set({ lease_until: leaseFrom(now, this.leaseMs) })
      .where('id', '=', id)
      .where(this.held())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Puts a claimed message back untried, to go at a later slot (not counted as an attempt). */
  async release(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox_message')
      .set((eb) => ({ status: 'pending', next_attempt_at: at.toISOString(), attempts: eb('attempts', '-', 1) }))
      .where('id', '=', id)
      .where(this.held())
      .execute();
  }

  async fail(id: number, status: 'unreachable' | 'failed' | 'expired', error: string): Promise<void> {
    await this.db
      .updateTable('outbox_message')
      .set({ status, last_error: error })
      .where('id', '=', id)
      .where(this.lastClaimed())
      .execute();
  }

  /** Rows this process claimed and still holds. */
  private held() {
    return (eb: ExpressionBuilder<DB, 'outbox_message'>) =>
      eb.and([eb('claimed_by', '=', this.claimant), eb('status', '=', 'sending')]);
  }

  /** Rows this process claimed last, held still or taken back and not claimed again. */
  private lastClaimed() {
    return (eb: ExpressionBuilder<DB, 'outbox_message'>) =>
      eb.and([eb('claimed_by', '=', this.claimant), eb('status', 'in', ['sending', 'pending'])]);
  }

  /** At start: whatever was in flight when the process stopped was never confirmed. */
  async recoverInFlight(now = new Date()): Promise<number> {
    // One process writes an SQLite file: at its start, nothing is being sent. Among replicas,
    // the others may be sending right now: only rows whose lease ran out come back.
    if (this.replicas) return this.recoverExpiredLeases(now);
    const result = await this.db
      .updateTable('outbox_message')
      .set({ status: 'pending' })
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Rows claimed by a sender that stopped (a replica that died) go back to the queue once their
   * lease ran out; this process's own claims never do while it runs, however long they take.
   * (`claimed_by` stays: it says whose late answer still counts.)
   */
  async recoverExpiredLeases(now: Date): Promise<number> {
    const result = await this.db
      .updateTable('outbox_message')
      .set({ status: 'pending', lease_until: null })
      .where('status', '=', 'sending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now.toISOString())]))
      .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '!=', this.claimant)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async find(idempotencyKey: string): Promise<OutboxMessage | undefined> {
    const row = await this.db
      .selectFrom('outbox_message')
      .select(MESSAGE_COLUMNS)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row ? toMessage(row) : undefined;
  }

  async setUnreachable(channel: ChannelName, externalId: string, reason: string, at: Date): Promise<void> {
    await this.db
      .insertInto('channel_unreachable')
      .values({ channel, external_id: externalId, reason, since: at.toISOString() })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason') })))
      .execute();
  }

  /** The person wrote to us again: they can be reached once more. */
  async setReachable(channel: ChannelName, externalId: string): Promise<void> {
    await this.db
      .deleteFrom('channel_unreachable')
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .execute();
  }

  async isUnreachable(channel: ChannelName, externalId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('channel_unreachable')
      .select('since')
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of these chats cannot be reached now, asked in one query (the sender asks before each claim's sends). */
  async unreachableAmong(
    chats: readonly { channel: ChannelName; externalId: string }[],
  ): Promise<{ channel: ChannelName; externalId: string }[]> {
    const byChannel = new Map<ChannelName, Set<string>>();
    for (const { channel, externalId } of chats) byChannel.set(channel, (byChannel.get(channel) ?? new Set()).add(externalId));
    if (byChannel.size === 0) return [];
    const rows = await this.db
      .selectFrom('channel_unreachable')
      .select(['channel', 'external_id'])
      .where((eb) =>
        eb.or([...byChannel].map(([channel, ids]) => eb.and([eb('channel', '=', channel), eb('external_id', 'in', [...ids])]))),
      )
      .execute();
    return rows.map((r) => ({ channel: r.channel as ChannelName, externalId: r.external_id }));
  }

  /**
   * Erasure: every message addressed to this channel id, sent or not, and its unreachable
   * mark. (Rows naming the person as recipient or subject go with the person row itself.)
   */
  async forgetRecipient(channel: ChannelName, externalId: string): Promise<void> {
    await this.db.deleteFrom('outbox_message').where('channel', '=', channel).where('external_id', '=', externalId).execute();
    await this.setReachable(channel, externalId);
  }

  /** Reminders queued for a person whose role was withdrawn: the scheduler queues again what remaining roles call for. */
  async dropPendingReminders(personId: number): Promise<void> {
    await this.db
      .deleteFrom('outbox_message')
      .where('person_id', '=', personId)
      .where('status', '=', 'pending')
      .where('purpose', 'in', ['reminder', 'report-reminder'])
      .execute();
  }

  /** Messages carrying the person's words to someone else, not yet delivered. */
  async waitingAbout(personId: number): Promise<number> {
    const row = await this.db
      .selectFrom('outbox_message')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('about_person_id', '=', personId)
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async unreachable(): Promise<{ channel: ChannelName; externalId: string; reason: string; since: string }[]> {
    const rows = await this.db
      .selectFrom('channel_unreachable')
      .select(['channel', 'external_id', 'reason', 'since'])
      .orderBy('since')
      .orderBy('channel')
      .orderBy('external_id')
      .execute();
    return rows.map((r) => ({ channel: r.channel as ChannelName, externalId: r.external_id, reason: r.reason, since: r.since }));
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, unreachable: 0, expired: 0, failed: 0 };
    const rows = await this.db
      .selectFrom('outbox_message')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
    return counts;
  }
}

/** Messages past their deadline are not sent any more. */
async function expire(db: Kysely<DB>, at: string): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({ status: 'expired' })
    .where('status', '=', 'pending')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', at)
    .execute();
}

/** Rows claimed by this process, or by no one (a reply its sender did not name itself on). */
function heldOrUnclaimed(claimant: string) {
  return (eb: ExpressionBuilder<DB, 'outbox_message'>) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', claimant)]);
}

/** Marks the rows in flight, those still pending only; returns them in the order of `ids`. */
async function markSending(
  db: Kysely<DB>,
  ids: number[],
  now: Date,
  leaseMs: number,
  claimant: string,
): Promise<OutboxMessage[]> {
  if (ids.length === 0) return [];
  const claimed: OutboxRow[] = await db
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      lease_until: leaseFrom(now, leaseMs),
      claimed_by: claimant,
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .returning(MESSAGE_COLUMNS)
    .execute();
  const byId = new Map(claimed.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toMessage(row)] : [];
  });
}
