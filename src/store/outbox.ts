// The durable outbox: what to send, to whom, when, and whether it went. Rows move
// pending → sending → sent (or unreachable / expired / failed); a crash between "sending"
// and "sent" puts the row back to pending at start, since it was never confirmed.
import type { ChannelName, Reply } from '../bot/types.js';
import type { Db } from './database.js';

/** Reminders queued for a person whose role was withdrawn: the scheduler queues again what remaining roles call for. */
export function dropPendingReminders(db: Db, personId: number): void {
  db.prepare(
    "DELETE FROM outbox_message WHERE person_id = ? AND status = 'pending' AND purpose IN ('reminder', 'report-reminder')",
  ).run(personId);
}

/** The purpose of a row that answers a person's own message (see TurnLedger). */
export const REPLY_PURPOSE = 'reply';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'unreachable' | 'expired' | 'failed';

export interface OutboxEntry {
  /** Same key, same message: enqueueing it again does nothing (rule + person + deadline). */
  idempotencyKey: string;
  personId?: number;
  channel: ChannelName;
  externalId: string;
  /** What kind of message, for reports: reminder, escalation, handoff, report… */
  purpose: string;
  /** The person whose own words the message carries (a relay), erased with them. */
  aboutPersonId?: number;
  replies: Reply[];
  notBefore: Date;
  /** After this it is no longer worth sending (a reminder for a deadline that has passed). */
  expiresAt?: Date;
}

export interface OutboxMessage {
  id: number;
  idempotencyKey: string;
  personId: number | null;
  channel: ChannelName;
  externalId: string;
  purpose: string;
  replies: Reply[];
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  expiresAt: string | null;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  person_id: number | null;
  channel: string;
  external_id: string;
  purpose: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  expires_at: string | null;
}

/** Replies as JSON; image and file bytes travel as base64. */
function encode(replies: Reply[]): string {
  return JSON.stringify(replies, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value,
  );
}

function decode(payload: string): Reply[] {
  return JSON.parse(payload, (_key, value: unknown) =>
    value && typeof value === 'object' && '$bytes' in value
      ? new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'))
      : value,
  ) as Reply[];
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    personId: row.person_id,
    channel: row.channel as ChannelName,
    externalId: row.external_id,
    purpose: row.purpose,
    replies: decode(row.payload),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
  };
}

/** Messages waiting to be sent: queued by key at most once, claimed when due, retried, expired. */
export class Outbox {
  private readonly insert;
  private readonly due;
  private readonly setSending;
  private readonly setSent;
  private readonly deleteSentReply;
  private readonly setRetry;
  private readonly setFinal;
  private readonly setReleased;
  private readonly resetInFlight;
  private readonly expire;
  private readonly byKey;
  private readonly markUnreachable;
  private readonly clearUnreachable;
  private readonly listUnreachable;
  private readonly isUnreachableStmt;
  private readonly deleteForRecipient;
  private readonly insertClaimed;
  private readonly deleteDelivered;
  private readonly waitingReplies;
  private readonly handBack;
  private readonly pendingAbout;

  private readonly dueNowListeners: (() => void)[] = [];

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO outbox_message
         (idempotency_key, person_id, about_person_id, channel, external_id, purpose, payload, not_before, next_attempt_at, expires_at, created_at)
       VALUES (@key, @personId, @aboutPersonId, @channel, @externalId, @purpose, @payload, @notBefore, @notBefore, @expiresAt, @createdAt)`,
    );
    this.due = db.prepare<[string, string | null, string | null, number], OutboxRow>(
      // One chat's messages go in order: none while an earlier one to the same chat is in
      // flight, or is an answer still waiting (even one waiting out a failure's back-off).
      `SELECT * FROM outbox_message m WHERE status = 'pending' AND next_attempt_at <= ?
         AND (? IS NULL OR channel IN (SELECT value FROM json_each(?)))
         AND NOT EXISTS (SELECT 1 FROM outbox_message o
                         WHERE o.channel = m.channel AND o.external_id = m.external_id AND o.id < m.id
                           AND (o.status = 'sending' OR (o.status = 'pending' AND o.purpose = '${REPLY_PURPOSE}')))
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.setSending = db.prepare(
      `UPDATE outbox_message SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'`,
    );
    // A reply is deleted once sent (see forgetDelivered); other messages stay as a record.
    this.setSent = db.prepare(`UPDATE outbox_message SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`);
    this.deleteSentReply = db.prepare('DELETE FROM outbox_message WHERE id = ? AND purpose = ?');
    this.setRetry = db.prepare(`UPDATE outbox_message SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`);
    this.setReleased = db.prepare(
      `UPDATE outbox_message SET status = 'pending', next_attempt_at = ?, attempts = attempts - 1 WHERE id = ?`,
    );
    this.setFinal = db.prepare(`UPDATE outbox_message SET status = ?, last_error = ? WHERE id = ?`);
    this.resetInFlight = db.prepare(`UPDATE outbox_message SET status = 'pending' WHERE status = 'sending'`);
    this.expire = db.prepare(
      `UPDATE outbox_message SET status = 'expired' WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?`,
    );
    this.byKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox_message WHERE idempotency_key = ?');
    this.markUnreachable = db.prepare(
      `INSERT INTO channel_unreachable (channel, external_id, reason, since) VALUES (?, ?, ?, ?)
       ON CONFLICT(channel, external_id) DO UPDATE SET reason = excluded.reason`,
    );
    this.clearUnreachable = db.prepare('DELETE FROM channel_unreachable WHERE channel = ? AND external_id = ?');
    this.listUnreachable = db.prepare<[], { channel: string; external_id: string; reason: string; since: string }>(
      'SELECT channel, external_id, reason, since FROM channel_unreachable ORDER BY since',
    );
    this.isUnreachableStmt = db.prepare('SELECT 1 FROM channel_unreachable WHERE channel = ? AND external_id = ?');
    this.insertClaimed = db.prepare(
      `INSERT INTO outbox_message
         (idempotency_key, person_id, channel, external_id, purpose, payload, status, attempts, not_before, next_attempt_at, created_at)
       VALUES (@key, NULL, @channel, @externalId, @purpose, @payload, @status, CASE @status WHEN 'sending' THEN 1 ELSE 0 END, @now, @now, @now)`,
    );
    this.deleteDelivered = db.prepare('DELETE FROM outbox_message WHERE id = ?');
    this.waitingReplies = db.prepare(
      "SELECT 1 FROM outbox_message WHERE channel = ? AND external_id = ? AND purpose = ? AND status IN ('pending', 'sending') LIMIT 1",
    );
    this.handBack = db.prepare(
      `UPDATE outbox_message SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'`,
    );
    this.deleteForRecipient = db.prepare('DELETE FROM outbox_message WHERE channel = ? AND external_id = ?');
    this.pendingAbout = db.prepare<[number], { n: number }>(
      "SELECT COUNT(*) AS n FROM outbox_message WHERE about_person_id = ? AND status IN ('pending', 'sending')",
    );
  }

  /** Called whenever a message is queued to go at once (so the sender need not wait to poll). */
  onDueNow(listener: () => void): void {
    this.dueNowListeners.push(listener);
  }

  /** True when queued now; false when a message with this key was queued before. */
  enqueue(entry: OutboxEntry, now = new Date()): boolean {
    const queued = this.insertRow(entry, now);
    if (queued && entry.notBefore.getTime() <= now.getTime()) for (const listener of this.dueNowListeners) listener();
    return queued;
  }

  private insertRow(entry: OutboxEntry, now: Date): boolean {
    return (
      this.insert.run({
        key: entry.idempotencyKey,
        personId: entry.personId ?? null,
        aboutPersonId: entry.aboutPersonId ?? null,
        channel: entry.channel,
        externalId: entry.externalId,
        purpose: entry.purpose,
        payload: encode(entry.replies),
        notBefore: entry.notBefore.toISOString(),
        expiresAt: entry.expiresAt?.toISOString() ?? null,
        createdAt: now.toISOString(),
      }).changes === 1
    );
  }

  /**
   * Queues a reply its sender is delivering itself right now (already "sending", so the
   * worker leaves it alone unless the process dies first). Returns the row id.
   */
  enqueueClaimed(
    entry: Pick<OutboxEntry, 'idempotencyKey' | 'channel' | 'externalId' | 'purpose' | 'replies'>,
    now: Date,
  ): number {
    const result = this.insertClaimed.run({
      status: 'sending',
      key: entry.idempotencyKey,
      channel: entry.channel,
      externalId: entry.externalId,
      purpose: entry.purpose,
      payload: encode(entry.replies),
      now: now.toISOString(),
    });
    return Number(result.lastInsertRowid);
  }

  /** True while earlier replies to this chat are not delivered yet (in flight, or left to the worker). */
  hasWaitingReplies(channel: ChannelName, externalId: string): boolean {
    return this.waitingReplies.get(channel, externalId, REPLY_PURPOSE) !== undefined;
  }

  /** Queues a reply behind earlier ones, for the worker to send in order. */
  enqueueReply(entry: Pick<OutboxEntry, 'idempotencyKey' | 'channel' | 'externalId' | 'replies'>, now: Date): number {
    const result = this.insertClaimed.run({
      status: 'pending',
      key: entry.idempotencyKey,
      channel: entry.channel,
      externalId: entry.externalId,
      purpose: REPLY_PURPOSE,
      payload: encode(entry.replies),
      now: now.toISOString(),
    });
    return Number(result.lastInsertRowid);
  }

  /** Wakes the sender for rows queued to go at once. */
  notifyDueNow(): void {
    for (const listener of this.dueNowListeners) listener();
  }

  /** A reply that reached the person has no further use: the row, and the chat id in it, go. */
  forgetDelivered(id: number): void {
    this.deleteDelivered.run(id);
  }

  /** Replies their sender could not deliver now go to the worker, from `at`. */
  handOver(ids: number[], at: Date, error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.handBack.run(at.toISOString(), error, id);
    })();
  }

  /**
   * Takes up to `limit` due messages and marks them in flight (expired ones are dropped
   * first); only those for `channels` when given, so a sender never holds rows it cannot
   * send (the terminal chat reads its own).
   */
  claimDue(now: Date, limit: number, channels?: readonly ChannelName[]): OutboxMessage[] {
    const only = channels ? JSON.stringify(channels) : null;
    return this.db.transaction(() => {
      this.expire.run(now.toISOString());
      const rows = this.due.all(now.toISOString(), only, only, limit);
      return rows
        .filter((r) => this.setSending.run(r.id).changes === 1)
        .map((r) => toMessage({ ...r, status: 'sending', attempts: r.attempts + 1 }));
    })();
  }

  markSent(id: number, at: Date): void {
    if (this.deleteSentReply.run(id, REPLY_PURPOSE).changes === 0) this.setSent.run(at.toISOString(), id);
  }

  retryAt(id: number, at: Date, error: string): void {
    this.setRetry.run(at.toISOString(), error, id);
  }

  /** Puts a claimed message back untried, to go at a later slot (not counted as an attempt). */
  release(id: number, at: Date): void {
    this.setReleased.run(at.toISOString(), id);
  }

  fail(id: number, status: 'unreachable' | 'failed' | 'expired', error: string): void {
    this.setFinal.run(status, error, id);
  }

  /** At start: whatever was in flight when the process stopped was never confirmed. */
  recoverInFlight(): number {
    return this.resetInFlight.run().changes;
  }

  find(idempotencyKey: string): OutboxMessage | undefined {
    const row = this.byKey.get(idempotencyKey);
    return row ? toMessage(row) : undefined;
  }

  setUnreachable(channel: ChannelName, externalId: string, reason: string, at: Date): void {
    this.markUnreachable.run(channel, externalId, reason, at.toISOString());
  }

  /** The person wrote to us again: they can be reached once more. */
  setReachable(channel: ChannelName, externalId: string): void {
    this.clearUnreachable.run(channel, externalId);
  }

  isUnreachable(channel: ChannelName, externalId: string): boolean {
    return this.isUnreachableStmt.get(channel, externalId) !== undefined;
  }

  /**
   * Erasure: every message addressed to this channel id, sent or not, and its unreachable
   * mark. (Rows naming the person as recipient or subject go with the person row itself.)
   */
  forgetRecipient(channel: ChannelName, externalId: string): void {
    this.deleteForRecipient.run(channel, externalId);
    this.clearUnreachable.run(channel, externalId);
  }

  /** Messages carrying the person's words to someone else, not yet delivered. */
  waitingAbout(personId: number): number {
    return this.pendingAbout.get(personId)?.n ?? 0;
  }

  unreachable(): { channel: ChannelName; externalId: string; reason: string; since: string }[] {
    return this.listUnreachable
      .all()
      .map((r) => ({ channel: r.channel as ChannelName, externalId: r.external_id, reason: r.reason, since: r.since }));
  }

  counts(): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, unreachable: 0, expired: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox_message GROUP BY status').all() as {
      status: OutboxStatus;
      n: number;
    }[])
      counts[r.status] = r.n;
    return counts;
  }

  /**
   * Takes the due messages to one recipient, oldest first, and marks them in flight: the
   * terminal chat shows its own person what the outbox holds for them.
   */
  claimDueTo(channel: ChannelName, externalId: string, now: Date, limit: number): OutboxMessage[] {
    return this.db.transaction(() => {
      this.expire.run(now.toISOString());
      const rows = this.db
        .prepare<[string, string, string, number], OutboxRow>(
          `SELECT * FROM outbox_message WHERE channel = ? AND external_id = ? AND status = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(channel, externalId, now.toISOString(), limit);
      return rows
        .filter((r) => this.setSending.run(r.id).changes === 1)
        .map((r) => toMessage({ ...r, status: 'sending', attempts: r.attempts + 1 }));
    })();
  }
}
