// What the reminders keep about a person: only whether they paused the optional ones.
// The row goes with the person (foreign key), so there is nothing else to erase.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Db } from '../../store/database.js';
import { ReminderPauses } from './pauses.js';

export function remindersPersonalData(db: Db, now: () => Date): PersonalDataSection {
  const pauses = new ReminderPauses(db);
  return {
    describe(personId, tr) {
      const pause = pauses.at(personId, now());
      if (!pause) return [];
      return [
        pause.until
          ? tr.t('reminders:personalData.pausedUntil', {
              since: tr.fmt.dateTime(pause.pausedAt),
              until: tr.fmt.dateTime(pause.until),
            })
          : tr.t('reminders:personalData.paused', { since: tr.fmt.dateTime(pause.pausedAt) }),
      ];
    },
  };
}
