// One row of the provincial administrative-procedure system's export: a unit's counts
// over a period. Counts only; rates are always computed from them.
import type { Counts } from '../kpi.js';

export interface StatisticRow extends Counts {
  unitCode: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}
