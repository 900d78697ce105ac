// One pass of the scheduler: every reminder due now goes into the durable outbox, once per
// channel the person can be reached on. The idempotency key makes a second pass (or a
// restart) a no-op, and the planner only returns what still matters.
import type { Store } from '../../store/index.js';
import type { Texts } from '../../i18n/index.js';
import { pauseInForce } from './pauses.js';
import { planReminders, ruleOccurrences } from './planner.js';
import { reminderReplies } from './reminderMessage.js';
import type { ReportStatusSource } from './reportStatus.js';
import { dueNow } from './timing.js';

export interface ReminderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface EnqueueDueDeps {
  store: Pick<Store, 'campaigns' | 'roles' | 'outbox' | 'consent' | 'reminderPauses' | 'reminderQueue'>;
  texts: Texts;
  reports: ReportStatusSource;
  logger: ReminderLogger;
}

/** Returns how many messages were newly queued. */
export async function enqueueDueReminders(deps: EnqueueDueDeps, now: Date): Promise<number> {
  const { store, texts, logger } = deps;
  const { campaigns, invalid } = await store.campaigns.storedCampaigns();
  for (const bad of invalid)
    logger.warn({ campaign: bad.id, problems: bad.problems }, 'campaign definition skipped: load it again with campaign:load');
  let queued = 0;
  for (const campaign of campaigns) {
    // Most minutes nothing is due: skip reading the tree and the officials then.
    if (ruleOccurrences(campaign, dueNow(now)).length === 0) continue;
    // Read once for the pass: the planner asks for every reminder it plans.
    const pauses = await store.reminderPauses.all();
    const refused = new Map<number, Promise<boolean>>();
    const refusedReminders = (personId: number): Promise<boolean> => {
      let answer = refused.get(personId);
      if (!answer) refused.set(personId, (answer = store.consent.refused(personId, 'reminders')));
      return answer;
    };
    const reminders = await planReminders(
      {
        campaign,
        units: await store.roles.campaignUnits(campaign.root),
        officials: await store.roles.campaignOfficials(campaign.root),
        reports: deps.reports,
        // A person who said no to messages from the bot gets only the essential ones.
        isPaused: async (personId, at) =>
          pauseInForce(pauses.get(personId), at) !== undefined || (await refusedReminders(personId)),
      },
      dueNow(now),
    );
    const toSend = reminders
      .filter((reminder) => !reminder.paused)
      .map((reminder) => ({
        reminder,
        entries: reminder.official.identities.map((identity) => ({ identity, key: `${reminder.key}:${identity.channel}` })),
      }));
    // One read for the pass, not one per reminder and channel.
    const queuedBefore = await store.reminderQueue.queuedKeys(toSend.flatMap(({ entries }) => entries.map((e) => e.key)));
    for (const { reminder, entries: all } of toSend) {
      const entries = all.filter(({ key }) => !queuedBefore.has(key));
      // Already queued on every channel: the usual case on each minute after the first.
      if (entries.length === 0) continue;
      const messageKey = `reminders:messages.${reminder.rule.message}`;
      if (!texts.has(messageKey, reminder.official.locale) && !texts.has(messageKey, 'vi')) {
        logger.warn(
          { campaign: campaign.id, rule: reminder.rule.id, message: reminder.rule.message },
          'reminder rule names a message missing from locales/*/reminders.json',
        );
        continue;
      }
      const replies = reminderReplies(reminder, texts.for(reminder.official.locale));
      for (const { identity, key } of entries) {
        const added = await store.outbox.enqueue(
          {
            idempotencyKey: key,
            personId: reminder.official.personId,
            channel: identity.channel,
            externalId: identity.externalId,
            purpose: reminder.rule.kind,
            replies,
            notBefore: reminder.timing.notBefore,
            expiresAt: reminder.timing.expiresAt,
          },
          now,
        );
        if (added) queued++;
      }
    }
  }
  if (queued > 0) logger.info({ queued }, 'deadline reminders queued');
  return queued;
}
