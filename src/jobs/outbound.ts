// What the outbox needs from a channel: deliver replies to one person, and say plainly
// what happened so the worker knows whether to retry, wait, or give up.
import type { ChannelName, Reply } from '../bot/types.js';

export type SendOutcome =
  | { kind: 'sent' }
  /** The platform asked us to slow down (Telegram 429 retry_after). */
  | { kind: 'rateLimited'; retryAfterMs: number }
  /** The person blocked the bot, or the platform will not let us write to them now. */
  | { kind: 'unreachable'; reason: string }
  /** A 5xx or a network failure: worth trying again later. */
  | { kind: 'transient'; error: string }
  /** The platform refused the message itself (400): trying again would not help. */
  | { kind: 'rejected'; error: string };

export interface ChannelLimits {
  /** Messages per second across all chats. */
  perSecond: number;
  /** Least time between two messages to the same chat. */
  perChatIntervalMs: number;
}

export interface OutboundChannel {
  channel: ChannelName;
  limits: ChannelLimits;
  /**
   * The worker has taken the chat's turn for the first request just before calling this. A
   * channel that makes more than one request for these replies (a picture, then its text)
   * awaits `nextTurn` right before each further one: it waits for the chat's and the
   * channel's next free moment and counts the request from then.
   */
  deliver(externalId: string, replies: Reply[], nextTurn?: () => Promise<void>): Promise<SendOutcome>;
}

/** Telegram's published limits: about 30 messages a second, one a second per chat. */
export const TELEGRAM_LIMITS: ChannelLimits = { perSecond: 30, perChatIntervalMs: 1000 };
