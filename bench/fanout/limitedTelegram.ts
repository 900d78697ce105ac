// A fake Telegram for the outbox, on virtual time: it enforces 30 messages in any 1000 ms
// window overall and 1 per second per chat, the way Telegram answers a burst (429 with
// retry_after in whole seconds), and records every accepted message to count duplicates.
import type { Reply } from '../../src/bot/types.js';
import { TELEGRAM_LIMITS, type OutboundChannel, type SendOutcome } from '../../src/jobs/outbound.js';
import type { Clock } from '../../src/jobs/clock.js';

export interface LimitedTelegram {
  channel: OutboundChannel;
  accepted: { chat: string; at: number; text: string }[];
  violations: { kind: 'global' | 'perChat'; chat: string; at: number }[];
}

export function limitedTelegram(clock: Clock, limits = { perSecond: 30, perChatMs: 1000 }): LimitedTelegram {
  const accepted: LimitedTelegram['accepted'] = [];
  const violations: LimitedTelegram['violations'] = [];
  const lastPerChat = new Map<string, number>();
  /** Times of accepted sends, oldest first, only those inside the last window. */
  const window: number[] = [];
  const refuse = (kind: 'global' | 'perChat', chat: string, at: number, waitMs: number): SendOutcome => {
    violations.push({ kind, chat, at });
    return { kind: 'rateLimited', retryAfterMs: Math.max(1, Math.ceil(waitMs / 1000)) * 1000 };
  };
  const channel: OutboundChannel = {
    channel: 'telegram',
    limits: TELEGRAM_LIMITS,
    async deliver(chat, replies: Reply[]) {
      const at = clock.now().getTime();
      while (window.length > 0 && window[0]! <= at - 1000) window.shift();
      if (window.length >= limits.perSecond) return refuse('global', chat, at, window[0]! + 1000 - at);
      const last = lastPerChat.get(chat);
      if (last !== undefined && at - last < limits.perChatMs) return refuse('perChat', chat, at, last + limits.perChatMs - at);
      window.push(at);
      lastPerChat.set(chat, at);
      accepted.push({ chat, at, text: replies[0]?.text ?? '' });
      return { kind: 'sent' };
    },
  };
  return { channel, accepted, violations };
}
