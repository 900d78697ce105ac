// What the weekly report keeps about the person who filed it. Submitted reports are
// official records: erasing the person detaches them (submitted_by becomes empty) but
// keeps the figures, attributed to the unit. Unfinished drafts go with the person.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Db } from '../../store/database.js';

export function reportsPersonalData(db: Db): PersonalDataSection {
  const submitted = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM unit_report_version WHERE submitted_by = ?');
  const drafts = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM unit_report_draft WHERE person_id = ?');
  return {
    describe(personId, tr) {
      const lines: string[] = [];
      const sent = submitted.get(personId)?.n ?? 0;
      if (sent > 0) lines.push(tr.t('privacy:data.reportsSubmitted', { count: sent }));
      const open = drafts.get(personId)?.n ?? 0;
      if (open > 0) lines.push(tr.t('privacy:data.reportDrafts', { count: open }));
      return lines;
    },
  };
}
