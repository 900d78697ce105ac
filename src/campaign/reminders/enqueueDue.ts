// One pass of the scheduler: every reminder due now goes into the durable outbox, once per
// channel the person can be reached on. The idempotency key makes a second pass (or a
// restart) a no-op, and the planner only returns what still matters.
import type { Store } from '../../store/index.js';
import type { Texts } from '../../i18n/index.js';
import { campaignOfficials, campaignUnits } from './officials.js';
import { storedCampaigns } from './campaigns.js';
import { ReminderPauses } from './pauses.js';
import { ConsentRegistry } from '../../privacy/consent.js';
import { planReminders, ruleOccurrences } from './planner.js';
import { reminderReplies } from './reminderMessage.js';
import type { ReportStatusSource } from './reportStatus.js';
import { dueNow } from './timing.js';

export interface ReminderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface EnqueueDueDeps {
  store: Store;
  texts: Texts;
  reports: ReportStatusSource;
  logger: ReminderLogger;
}

/** Returns how many messages were newly queued. */
export function enqueueDueReminders(deps: EnqueueDueDeps, now: Date): number {
  const { store, texts, logger } = deps;
  const { campaigns, invalid } = storedCampaigns(store.db);
  for (const bad of invalid)
    logger.warn({ campaign: bad.id, problems: bad.problems }, 'campaign definition skipped: load it again with campaign:load');
  const pauses = new ReminderPauses(store.db);
  const consent = new ConsentRegistry(store.db);
  let queued = 0;
  for (const campaign of campaigns) {
    // Most minutes nothing is due: skip reading the tree and the officials then.
    if (ruleOccurrences(campaign, dueNow(now)).length === 0) continue;
    const reminders = planReminders(
      {
        campaign,
        units: campaignUnits(store.db, campaign.root),
        officials: campaignOfficials(store, campaign.root),
        reports: deps.reports,
        // A person who said no to messages from the bot gets only the essential ones.
        isPaused: (personId, at) => pauses.isPaused(personId, at) || consent.refused(personId, 'reminders'),
      },
      dueNow(now),
    );
    for (const reminder of reminders) {
      if (reminder.paused) continue;
      const entries = reminder.official.identities
        .map((identity) => ({ identity, key: `${reminder.key}:${identity.channel}` }))
        .filter(({ key }) => !store.outbox.find(key));
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
        const added = store.outbox.enqueue(
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
