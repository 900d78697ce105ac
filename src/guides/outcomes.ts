// How guides end, counted per day, guide, commune and outcome. Only counts are kept:
// nothing here can tell who the person was.
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { statement } from '../store/statements.js';
import { zonedParts } from '../i18n/format.js';

export const GUIDE_OUTCOMES = ['worked', 'stuck', 'gave_up'] as const;
export type GuideOutcome = (typeof GUIDE_OUTCOMES)[number];
export const GuideOutcomeSchema = z.enum(GUIDE_OUTCOMES);

/** The province's calendar day of a moment, as YYYY-MM-DD. */
export function provinceDay(at: Date): string {
  const p = zonedParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

export interface OutcomeEvent {
  guide: string;
  outcome: GuideOutcome;
  /** The commune the person chose in this guide, if any. */
  unitCode?: string;
  at: Date;
}

export function recordGuideOutcome(db: Db, event: OutcomeEvent): void {
  db.prepare(
    `INSERT INTO guide_outcome (day, guide, unit_code, outcome, count) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(day, guide, unit_code, outcome) DO UPDATE SET count = count + 1`,
  ).run(provinceDay(event.at), event.guide, event.unitCode ?? '', event.outcome);
}

export interface OutcomeCount {
  guide: string;
  /** Undefined for people who chose no commune. */
  unitCode?: string;
  outcome: GuideOutcome;
  count: number;
}

export interface OutcomeFilter {
  /** Inclusive days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Only communes beneath this unit (and the unit itself). */
  under?: string;
}

/** Totals per guide, commune and outcome over a period. */
export function guideOutcomeCounts(db: Db, filter: OutcomeFilter = {}): OutcomeCount[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.from) {
    where.push('day >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('day <= ?');
    params.push(filter.to);
  }
  if (filter.under) {
    // Probed per counted row, not a list of the whole subtree (10.000 codes for a country).
    where.push('EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_code = ? AND c.descendant_code = guide_outcome.unit_code)');
    params.push(filter.under);
  }
  const rows = db
    .prepare(
      `SELECT guide, unit_code, outcome, SUM(count) AS count FROM guide_outcome
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY guide, unit_code, outcome ORDER BY guide, unit_code, outcome`,
    )
    .all(...params) as { guide: string; unit_code: string; outcome: GuideOutcome; count: number }[];
  return rows.map((r) => ({
    guide: r.guide,
    ...(r.unit_code ? { unitCode: r.unit_code } : {}),
    outcome: r.outcome,
    count: r.count,
  }));
}

/** Outcomes over the range for people who chose a commune under the unit (itself included), from their roll-up (migration 014). */
export function guideOutcomeTotalsUnder(
  db: Db,
  unitCode: string,
  range: { from: string; to: string },
): Record<GuideOutcome, number> {
  const totals: Record<GuideOutcome, number> = { worked: 0, stuck: 0, gave_up: 0 };
  const rows = statement(
    db,
    `SELECT outcome, SUM(count) AS count FROM guide_outcome_rollup
      WHERE ancestor_code = ? AND day BETWEEN ? AND ? GROUP BY outcome`,
  ).all(unitCode, range.from, range.to) as { outcome: GuideOutcome; count: number }[];
  for (const r of rows) totals[r.outcome] += r.count;
  return totals;
}
