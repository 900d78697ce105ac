// A unit's children seen from its report: how many have filed, and the totals of their
// subtrees' latest reports beside the unit's own figures.
import type { Db } from '../../store/database.js';
import type { Counts } from '../kpi.js';
import { sumCounts } from '../kpi.js';
import { childrenOf } from '../units/repository.js';
import type { Unit } from '../units/types.js';
import { countsOf } from './figures.js';
import { reportsForPeriod, type UnitReport } from './repository.js';
import { filingsUnder, mustReport, type UnitFiling } from './status.js';
import type { ReportKind } from './week.js';

export interface HelpTotals {
  accountsHelped: number;
  paymentsHelped: number;
}

export interface SubtreeTotals {
  counts: Counts;
  help: HelpTotals;
  /** Reporting units in the subtree, and how many of them have filed. */
  expected: number;
  filed: number;
}

function totalsOf(reports: readonly UnitReport[], expected: number): SubtreeTotals {
  return {
    counts: sumCounts(reports.map((r) => countsOf(r.latest.figures))),
    help: {
      accountsHelped: reports.reduce((s, r) => s + r.latest.figures.accountsHelped, 0),
      paymentsHelped: reports.reduce((s, r) => s + r.latest.figures.paymentsHelped, 0),
    },
    expected,
    filed: reports.length,
  };
}

export interface ChildrenRollUp {
  /** The direct children that must report, with their own filing. */
  children: UnitFiling[];
  /** Totals of all reports beneath the unit (its own excluded). */
  below: SubtreeTotals;
}

export function childrenRollUp(db: Db, unitCode: string, kind: ReportKind, deadlineDay: string): ChildrenRollUp | undefined {
  const children = childrenOf(db, unitCode).filter(mustReport);
  if (children.length === 0) return undefined;
  const reports = reportsForPeriod(db, kind, deadlineDay);
  const filings = filingsUnder(db, unitCode, kind, deadlineDay).filter((f) => f.unit.code !== unitCode);
  const childCodes = new Set(children.map((c: Unit) => c.code));
  return {
    children: filings
      .filter((f) => childCodes.has(f.unit.code))
      .map((f) => ({ ...f, ...(reports.get(f.unit.code) ? { report: reports.get(f.unit.code)! } : {}) })),
    below: totalsOf(
      filings.flatMap((f) => (f.report ? [f.report] : [])),
      filings.length,
    ),
  };
}
