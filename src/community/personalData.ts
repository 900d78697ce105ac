// What a request for a person keeps about the citizen: while open, the one-line topic and
// the chat to relay to. Erasure closes an open request and forgets the chat; the request
// itself stays counted for the commune, with nobody behind it.
import type { PersonalDataSection } from '../bot/module.js';
import type { Db } from '../store/database.js';

export function handoffPersonalData(db: Db): PersonalDataSection {
  const open = db.prepare<[number], { n: number }>(
    "SELECT COUNT(*) AS n FROM handoff_ticket WHERE citizen_id = ? AND status IN ('waiting', 'taken')",
  );
  const past = db.prepare<[number], { n: number }>(
    "SELECT COUNT(*) AS n FROM handoff_ticket WHERE citizen_id = ? AND status = 'closed'",
  );
  const forget = db.prepare(
    `UPDATE handoff_ticket SET status = 'closed', closed_at = COALESCE(closed_at, ?), closed_by = COALESCE(closed_by, 'citizen'),
       topic = NULL, citizen_channel = '', citizen_external_id = '' WHERE citizen_id = ?`,
  );
  return {
    describe(personId, tr) {
      const lines: string[] = [];
      const waiting = open.get(personId)?.n ?? 0;
      if (waiting > 0) lines.push(tr.t('privacy:data.openRequest'));
      const closed = past.get(personId)?.n ?? 0;
      if (closed > 0) lines.push(tr.t('privacy:data.pastRequests', { count: closed }));
      return lines;
    },
    erase(personId) {
      forget.run(new Date().toISOString(), personId);
    },
  };
}
