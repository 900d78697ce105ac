// unit_statistic_rollup follows unit_statistic by triggers (migration 011); when the unit
// tree itself changes, every subtree sum changes with it and the table is rebuilt.
import type { Db } from '../../store/database.js';

/** Call inside the transaction that changed the unit tree (its closure). */
export function rebuildRollup(db: Db): void {
  db.exec(`DELETE FROM unit_statistic_rollup;
    INSERT INTO unit_statistic_rollup
      SELECT c.ancestor_code, s.to_date, s.week_end, COUNT(*), SUM(s.received_total), SUM(s.received_online),
             SUM(s.digitized), SUM(s.fee_dossiers), SUM(s.paid_online)
        FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code
       GROUP BY c.ancestor_code, s.to_date;`);
}
