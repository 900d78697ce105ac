// A unit's children seen from its report: how many have filed, and the totals of their
// subtrees' latest reports beside the unit's own figures.
import type { Store } from '../../store/index.js';
import type { Counts } from '../kpi.js';
import { sumCounts } from '../kpi.js';
import type { Unit } from '../units/types.js';
import { countsOf } from './figures.js';
import { mustReport, type UnitFiling } from './status.js';
import type { UnitReport } from './types.js';
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

export async function childrenRollUp(
  store: Pick<Store, 'units' | 'reports'>,
  unitCode: string,
  kind: ReportKind,
  deadlineDay: string,
): Promise<ChildrenRollUp | undefined> {
  const children = (await store.units.childrenOf(unitCode)).filter(mustReport);
  if (children.length === 0) return undefined;
  // Each filing already carries its unit's report for the period.
  const filings = (await store.reports.filingsUnder(unitCode, kind, deadlineDay)).filter((f) => f.unit.code !== unitCode);
  const childCodes = new Set(children.map((c: Unit) => c.code));
  return {
    children: filings.filter((f) => childCodes.has(f.unit.code)),
    below: totalsOf(
      filings.flatMap((f) => (f.report ? [f.report] : [])),
      filings.length,
    ),
  };
}
