// A person's reminders still to come, across every campaign they hold a role in, planned
// the same way the scheduler plans them (so what /nhacnho shows is what will be sent).
import type { Locale } from '../../i18n/format.js';
import type { Db } from '../../store/database.js';
import { storedCampaigns } from './campaigns.js';
import { campaignUnits, rolesUnder } from './officials.js';
import type { ReminderPauses } from './pauses.js';
import { type Official, type PlannedReminder, planReminders } from './planner.js';
import type { ReportStatusSource } from './reportStatus.js';
import type { QuietHours } from './quietHours.js';
import { upcomingUntil } from './timing.js';

export interface UpcomingReminders {
  reminders: PlannedReminder[];
  /** The quiet hours of the person's campaign, when they are in one. */
  quietHours?: QuietHours;
}

export function upcomingReminders(
  db: Db,
  person: { id: number; locale: Locale },
  reports: ReportStatusSource,
  pauses: ReminderPauses,
  now: Date,
  until: Date,
): UpcomingReminders {
  const upcoming: PlannedReminder[] = [];
  let quietHours: QuietHours | undefined;
  for (const campaign of storedCampaigns(db).campaigns) {
    const everyone = rolesUnder(db, campaign.root);
    if (!everyone.has(person.id)) continue;
    quietHours ??= campaign.quiet_hours;
    // Everyone's roles, not just the person's: a head is reminded only when the unit has no reporter.
    const officials: Official[] = [...everyone].map(([personId, roles]) => ({
      personId,
      locale: person.locale,
      roles,
      identities: [],
    }));
    const planned = planReminders(
      { campaign, units: campaignUnits(db, campaign.root), officials, reports, isPaused: (id, at) => pauses.isPaused(id, at) },
      upcomingUntil(now, until),
    );
    upcoming.push(...planned.filter((p) => p.official.personId === person.id));
  }
  upcoming.sort((a, b) => a.timing.notBefore.getTime() - b.timing.notBefore.getTime());
  return { reminders: upcoming, ...(quietHours ? { quietHours } : {}) };
}
