// A variant to size a fix, not code the bot runs: every unit's counts pre-summed per week
// (one row per ancestor and week, built once per statistics import), and the same
// questions unitProgress() asks answered from it. The work per /tiendo then grows with
// weeks × children, no longer with the number of rows in the subtree.
import type { Db } from '../../src/store/database.js';
import { weekEndOf } from '../../src/campaign/weeks.js';

const SUMS = `SUM(received_total), SUM(received_online), SUM(digitized), SUM(fee_dossiers), SUM(paid_online)`;

export function buildWeeklyRollup(db: Db): number {
  db.exec(`DROP TABLE IF EXISTS bench_unit_week;
    CREATE TABLE bench_unit_week (
      ancestor_code TEXT NOT NULL, week_end TEXT NOT NULL, received_total INTEGER, received_online INTEGER,
      digitized INTEGER, fee_dossiers INTEGER, paid_online INTEGER, last_day TEXT,
      PRIMARY KEY (ancestor_code, week_end)) WITHOUT ROWID;
    INSERT INTO bench_unit_week
      SELECT c.ancestor_code, s.week_end, SUM(s.received_total), SUM(s.received_online), SUM(s.digitized),
             SUM(s.fee_dossiers), SUM(s.paid_online), MAX(s.to_date)
        FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code
       GROUP BY c.ancestor_code, s.week_end;`);
  return (db.prepare('SELECT count(*) AS n FROM bench_unit_week').get() as { n: number }).n;
}

/** The figures unitProgress() gathers (weekly, latest day, peers' and children's totals), from the roll-up. */
export function rollupFigures(db: Db) {
  const weekly = db.prepare(`SELECT week_end, ${SUMS}, MAX(last_day) FROM bench_unit_week WHERE ancestor_code = ? AND week_end BETWEEN ? AND ? GROUP BY week_end`);
  const parentOf = db.prepare('SELECT parent_code FROM unit WHERE code = ?');
  const children = db.prepare(
    `SELECT u.code, ${SUMS} FROM unit u JOIN bench_unit_week r ON r.ancestor_code = u.code
      WHERE u.parent_code = ? AND r.week_end BETWEEN ? AND ? GROUP BY u.code`,
  );
  return (code: string, from: string, to: string) => {
    const range = [weekEndOf(from), weekEndOf(to)] as const;
    const weeks = weekly.raw().all(code, ...range);
    const parent = (parentOf.get(code) as { parent_code: string | null } | undefined)?.parent_code;
    const peers = parent ? children.raw().all(parent, ...range) : [];
    const own = children.raw().all(code, ...range);
    return weeks.length + peers.length + own.length;
  };
}
