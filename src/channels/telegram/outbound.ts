// The outbox's view of Telegram: a send either went, or the person blocked the bot (403),
// or Telegram asked us to wait (429), refused the message (400), or failed for now.
import { GrammyError, HttpError } from 'grammy';
import type { OutboundChannel, SendOutcome } from '../../jobs/outbound.js';
import { TELEGRAM_LIMITS } from '../../jobs/outbound.js';
import type { TelegramChannel } from './channel.js';

export function classifyTelegramError(err: unknown): SendOutcome {
  if (err instanceof GrammyError) {
    if (err.error_code === 403) return { kind: 'unreachable', reason: 'blocked the bot' };
    if (err.error_code === 429) return { kind: 'rateLimited', retryAfterMs: (err.parameters.retry_after ?? 5) * 1000 };
    if (err.error_code >= 500) return { kind: 'transient', error: `${err.error_code}` };
    if (err.error_code === 400 && /chat not found|user is deactivated/i.test(err.description))
      return { kind: 'unreachable', reason: 'chat not found' };
    return { kind: 'rejected', error: `${err.error_code} ${err.description}` };
  }
  if (err instanceof HttpError) return { kind: 'transient', error: 'network' };
  return { kind: 'transient', error: err instanceof Error ? err.name : 'unknown' };
}

export function telegramOutbound(channel: Pick<TelegramChannel, 'send'>): OutboundChannel {
  return {
    channel: 'telegram',
    limits: TELEGRAM_LIMITS,
    async deliver(externalId, replies) {
      try {
        await channel.send(externalId, replies);
        return { kind: 'sent' };
      } catch (err) {
        return classifyTelegramError(err);
      }
    },
  };
}
