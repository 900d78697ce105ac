// The community roll-ups (migration 014) follow their tables by triggers; when the unit
// tree itself changes, every subtree sum changes with it and they are rebuilt, as the
// statistics roll-up is (src/campaign/statistics/rollup.ts).
import type { Db } from '../store/database.js';

const WAIT_MS = `CAST(ROUND((julianday(t.first_answer_at) - julianday(t.opened_at)) * 86400000) AS INTEGER)`;

/** Call inside the transaction that changed the unit tree (its closure). */
export function rebuildCommunityRollups(db: Db): void {
  db.exec(`DELETE FROM household_coverage_rollup;
    INSERT INTO household_coverage_rollup
      SELECT c.ancestor_code, SUM(u.kind = 'commune'), COUNT(h.unit_code), COALESCE(SUM(h.visited), 0),
             COALESCE(SUM(h.with_account), 0)
        FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
        LEFT JOIN (SELECT unit_code, SUM(visited) AS visited, SUM(with_account) AS with_account
                     FROM household_coverage GROUP BY unit_code) h ON h.unit_code = c.descendant_code
       GROUP BY c.ancestor_code;
    DELETE FROM handoff_rollup;
    INSERT INTO handoff_rollup
      SELECT c.ancestor_code, t.opened_day, COUNT(*), COUNT(t.first_answer_at), COUNT(${WAIT_MS}),
             COALESCE(SUM(${WAIT_MS}), 0), COUNT(t.rating), COALESCE(SUM(t.rating), 0)
        FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code
       GROUP BY c.ancestor_code, t.opened_day;
    DELETE FROM guide_outcome_rollup;
    INSERT INTO guide_outcome_rollup
      SELECT c.ancestor_code, g.day, g.outcome, SUM(g.count)
        FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code
       GROUP BY c.ancestor_code, g.day, g.outcome;`);
}
