// Keeps personal data no longer than needed: conversation state a person left, the ids of
// updates already handled, delivered messages and the web dashboard's expired sign-ins are
// purged after their retention period (the deletes are the store's:
// store.retention.purgeExpiredData).
import { Cron } from 'croner';
import type { Store } from '../store/index.js';
import { TIME_ZONE } from '../i18n/format.js';
import { minuteTick, onceAcrossReplicas } from './tick.js';

export interface RetentionPolicy {
  /** Conversation state untouched this long is forgotten. */
  conversationDays: number;
  /** Platforms redeliver within hours; a week of update ids is plenty. */
  processedUpdateDays: number;
  /** Sent, expired or failed outbox messages are kept this long for reports, then removed. */
  outboxDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { conversationDays: 30, processedUpdateDays: 7, outboxDays: 90 };

export interface PurgeResult {
  conversations: number;
  processedUpdates: number;
  outboxMessages: number;
  /** The web dashboard's links and sessions, a day after they expired. */
  webSessions: number;
}

/** Job ticks are kept two days: far past any replica's late timer for the same tick. */
const TICK_KEEP_MS = 2 * 86_400_000;

/**
 * Runs the purge every night at 03:15 in the province's time, on one replica; a failed night
 * is reported and tried again the next.
 */
export function scheduleRetention(
  store: Pick<Store, 'retention' | 'jobTicks'>,
  policy: RetentionPolicy,
  onPurged: (result: PurgeResult) => void,
  onError: (err: unknown) => void = () => {},
): { stop(): void } {
  const job = new Cron('15 3 * * *', { timezone: TIME_ZONE, protect: true }, async () => {
    const now = new Date();
    try {
      await onceAcrossReplicas(store.jobTicks, 'retention', minuteTick(now), async () => {
        onPurged(await store.retention.purgeExpiredData(now, policy));
        await store.jobTicks.purgeBefore(new Date(now.getTime() - TICK_KEEP_MS).toISOString());
      });
    } catch (err) {
      onError(err);
    }
  });
  return { stop: () => job.stop() };
}
