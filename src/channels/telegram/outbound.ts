// The outbox's view of Telegram: a send either went, or the person blocked the bot (403),
// or Telegram asked us to wait (429), refused the message (400), or failed for now.
import { AsyncLocalStorage } from 'node:async_hooks';
import { GrammyError, HttpError, type Transformer } from 'grammy';
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

/** The delivery a request belongs to: its first request has its turn already. */
interface Delivery {
  started: boolean;
  nextTurn: () => Promise<void>;
}

export function telegramOutbound(channel: Pick<TelegramChannel, 'send' | 'bot'>): OutboundChannel {
  // Telegram counts every message: a reply with a picture is two requests to the chat. Each
  // request a delivery makes after its first waits for its own turn, taken right before it
  // goes. Only the outbox's deliveries are paced; replies to a person's message are not.
  const deliveries = new AsyncLocalStorage<Delivery>();
  const paceEachRequest: Transformer = async (prev, method, payload, signal) => {
    const delivery = deliveries.getStore();
    if (delivery) {
      if (delivery.started) await delivery.nextTurn();
      delivery.started = true;
    }
    return prev(method, payload, signal);
  };
  channel.bot.api.config.use(paceEachRequest);
  return {
    channel: 'telegram',
    limits: TELEGRAM_LIMITS,
    async deliver(externalId, replies, nextTurn) {
      try {
        if (nextTurn) await deliveries.run({ started: false, nextTurn }, () => channel.send(externalId, replies));
        else await channel.send(externalId, replies);
        return { kind: 'sent' };
      } catch (err) {
        return classifyTelegramError(err);
      }
    },
  };
}
