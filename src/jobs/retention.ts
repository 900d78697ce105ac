// Keeps personal data no longer than needed: conversation state a person left, the ids of
// updates already handled, and delivered messages are purged after their retention period.
import { Cron } from 'croner';
import type { Db } from '../store/database.js';
import { TIME_ZONE } from '../i18n/format.js';

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
}

export function purgeExpiredData(db: Db, now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): PurgeResult {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  return db.transaction(() => ({
    conversations: db.prepare('DELETE FROM conversation WHERE updated_at < ?').run(before(policy.conversationDays)).changes,
    processedUpdates: db.prepare('DELETE FROM processed_update WHERE seen_at < ?').run(before(policy.processedUpdateDays))
      .changes,
    outboxMessages: db
      .prepare("DELETE FROM outbox_message WHERE status IN ('sent', 'expired', 'failed', 'unreachable') AND created_at < ?")
      .run(before(policy.outboxDays)).changes,
  }))();
}

/** Runs the purge every night at 03:15 in the province's time. */
export function scheduleRetention(db: Db, policy: RetentionPolicy, onPurged: (result: PurgeResult) => void): { stop(): void } {
  const job = new Cron('15 3 * * *', { timezone: TIME_ZONE, protect: true }, () =>
    onPurged(purgeExpiredData(db, new Date(), policy)),
  );
  return { stop: () => job.stop() };
}
