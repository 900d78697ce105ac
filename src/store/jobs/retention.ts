// The nightly purge of personal data past its retention period: conversation state a
// person left, the ids of updates already handled, finished outbox messages, and the web
// dashboard's links and sessions a day after they expired.
import type { Kysely } from 'kysely';
import { DEFAULT_RETENTION, type PurgeResult, type RetentionPolicy } from '../../jobs/retention.js';
import type { DB } from '../schema.js';
import { WebSessionRepository } from '../web/sessions.js';

/** Outbox rows nothing will send any more: kept for reports, then removed. */
const FINISHED = ['sent', 'expired', 'failed', 'unreachable'];

/** Expired sign-in rows are kept a day, for looking into a sign-in that just failed. */
const WEB_SESSION_KEEP_DAYS = 1;

/** The retention purge over one database. */
export class RetentionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Deletes what is older than the policy allows, in one transaction; returns the counts. */
  async purgeExpiredData(now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PurgeResult> {
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const conversations = await trx
        .deleteFrom('conversation')
        .where('updated_at', '<', before(policy.conversationDays))
        .executeTakeFirst();
      const processedUpdates = await trx
        .deleteFrom('processed_update')
        .where('seen_at', '<', before(policy.processedUpdateDays))
        .executeTakeFirst();
      const outboxMessages = await trx
        .deleteFrom('outbox_message')
        .where('status', 'in', FINISHED)
        .where('created_at', '<', before(policy.outboxDays))
        .executeTakeFirst();
      const webSessions = await new WebSessionRepository(trx).purgeBefore(before(WEB_SESSION_KEEP_DAYS));
      return {
        conversations: Number(conversations.numDeletedRows),
        processedUpdates: Number(processedUpdates.numDeletedRows),
        outboxMessages: Number(outboxMessages.numDeletedRows),
        webSessions,
      };
    });
  }
}
