// The outbox's view of a Zalo adapter: a send either went, or the person cannot be
// reached there now (window closed, unfollowed, paid tier), or it may work later.
import type { ChannelName } from '../../bot/types.js';
import type { OutboundChannel, SendOutcome } from '../../jobs/outbound.js';
import { ZaloApiError, ZaloUnreachableError } from './errors.js';
import type { ZaloChannel } from './types.js';

/** Zalo publishes no rate; stay well under what a small OA is allowed. */
const ZALO_LIMITS = { perSecond: 10, perChatIntervalMs: 1000 };

export function zaloOutbound(channel: ZaloChannel, name: Extract<ChannelName, 'zalo' | 'zalo_bot'>): OutboundChannel {
  return {
    channel: name,
    limits: ZALO_LIMITS,
    async deliver(externalId, replies): Promise<SendOutcome> {
      try {
        await channel.send(externalId, replies);
        return { kind: 'sent' };
      } catch (err) {
        if (err instanceof ZaloUnreachableError) return { kind: 'unreachable', reason: err.reason };
        // -32: over the rate; -211: out of quota. Neither clears within seconds.
        if (err instanceof ZaloApiError && (err.code === -32 || err.code === -211))
          return { kind: 'rateLimited', retryAfterMs: 15 * 60_000 };
        return { kind: 'transient', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
