// A person's reminders still to come, across every campaign they hold a role in, planned
// the same way the scheduler plans them (so what /nhacnho shows is what will be sent).
import type { Locale } from '../../i18n/format.js';
import type { Store } from '../../store/index.js';
import { pauseInForce } from './pauses.js';
import { type Official, type PlannedReminder, planReminders } from './planner.js';
import type { ReportStatusSource } from './reportStatus.js';
import type { QuietHours } from './quietHours.js';
import { upcomingUntil } from './timing.js';

export interface UpcomingReminders {
  reminders: PlannedReminder[];
  /** The quiet hours of the person's campaign, when they are in one. */
  quietHours?: QuietHours;
}

export async function upcomingReminders(
  store: Pick<Store, 'campaigns' | 'roles' | 'reminderPauses'>,
  person: { id: number; locale: Locale },
  reports: ReportStatusSource,
  now: Date,
  until: Date,
): Promise<UpcomingReminders> {
  const upcoming: PlannedReminder[] = [];
  let quietHours: QuietHours | undefined;
  // Only the person's own reminders are kept, so only their pause matters.
  const pause = await store.reminderPauses.at(person.id, now);
  for (const campaign of (await store.campaigns.storedCampaigns()).campaigns) {
    const everyone = await store.roles.rolesUnder(campaign.root);
    if (!everyone.has(person.id)) continue;
    quietHours ??= campaign.quiet_hours;
    // Everyone's roles, not just the person's: a head is reminded only when the unit has no reporter.
    const officials: Official[] = [...everyone].map(([personId, roles]) => ({
      personId,
      locale: person.locale,
      roles,
      identities: [],
    }));
    const planned = await planReminders(
      {
        campaign,
        units: await store.roles.campaignUnits(campaign.root),
        officials,
        reports,
        isPaused: (id, at) => id === person.id && pauseInForce(pause, at) !== undefined,
      },
      upcomingUntil(now, until),
    );
    upcoming.push(...planned.filter((p) => p.official.personId === person.id));
  }
  upcoming.sort((a, b) => a.timing.notBefore.getTime() - b.timing.notBefore.getTime());
  return { reminders: upcoming, ...(quietHours ? { quietHours } : {}) };
}
