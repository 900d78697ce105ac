// One row of the provincial administrative-procedure system's export: a unit's counts
// over a period. Counts only; rates are always computed from them.
import type { Counts } from '../kpi.js';
import type { Unit, UnitKind } from '../units/types.js';

export interface StatisticRow extends Counts {
  unitCode: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

export interface DayRange {
  /** Rows whose last day (`to`) lies in [from, to]. */
  from: string;
  to: string;
}

export interface WeeklyCounts {
  /** The period's last day (the reporting period's, or the ISO week's Sunday). */
  weekEnd: string;
  /** The last day any row of this week covers. */
  lastDay: string;
  counts: Counts;
}

export interface ChildCounts {
  unit: Pick<Unit, 'code' | 'name'>;
  counts: Counts;
}

/** A unit below the root, with its parent's name (to tell apart units of the same name) and its subtree counts over the range. */
export interface UnitRowCounts {
  unit: { code: string; name: string; kind: UnitKind; parentCode: string };
  parentName: string;
  counts: Counts;
}
