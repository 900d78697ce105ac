// What the reminders keep about a person: only whether they paused the optional ones.
// The row goes with the person (foreign key), so there is nothing else to erase.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Store } from '../../store/index.js';

export function remindersPersonalData(store: Pick<Store, 'reminderPauses'>, now: () => Date): PersonalDataSection {
  return {
    async describe(personId, tr) {
      const pause = await store.reminderPauses.at(personId, now());
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
