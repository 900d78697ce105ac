// What an outbox row holds, and how replies are written into it and read back.
import type { Selectable } from 'kysely';
import type { ChannelName, Reply } from '../../bot/types.js';
import type { OutboxMessage as OutboxTable } from '../schema.js';

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

/** The columns a message is read from. */
export const MESSAGE_COLUMNS = [
  'id',
  'idempotency_key',
  'person_id',
  'channel',
  'external_id',
  'purpose',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'expires_at',
] as const;

export type OutboxRow = Pick<Selectable<OutboxTable>, (typeof MESSAGE_COLUMNS)[number]>;

/** Replies as JSON; image and file bytes travel as base64. */
export function encodeReplies(replies: Reply[]): string {
  // Bytes ride only in an image or a document: most replies (every message turn's) are
  // plain text and buttons, which JSON.stringify writes far faster without a replacer.
  if (!replies.some((r) => r.image || r.document)) return JSON.stringify(replies);
  return JSON.stringify(replies, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value,
  );
}

function decodeReplies(payload: string): Reply[] {
  return JSON.parse(payload, (_key, value: unknown) =>
    value && typeof value === 'object' && '$bytes' in value
      ? new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'))
      : value,
  ) as Reply[];
}

/** The message a row holds. */
export function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    personId: row.person_id,
    channel: row.channel as ChannelName,
    externalId: row.external_id,
    purpose: row.purpose,
    replies: decodeReplies(row.payload),
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
  };
}
