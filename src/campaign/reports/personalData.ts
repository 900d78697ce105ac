// What the weekly report keeps about the person who filed it. Submitted reports are
// official records: erasing the person detaches them (submitted_by becomes empty) but
// keeps the figures, attributed to the unit. Unfinished drafts go with the person.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Store } from '../../store/index.js';

export function reportsPersonalData(store: Pick<Store, 'reports'>): PersonalDataSection {
  return {
    async describe(personId, tr) {
      const lines: string[] = [];
      const sent = await store.reports.versionsSubmittedBy(personId);
      if (sent > 0) lines.push(tr.t('privacy:data.reportsSubmitted', { count: sent }));
      const open = await store.reports.draftCountOf(personId);
      if (open > 0) lines.push(tr.t('privacy:data.reportDrafts', { count: open }));
      return lines;
    },
  };
}
