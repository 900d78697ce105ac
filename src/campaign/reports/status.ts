// Who has reported for a period and who has not. The units that must report are the
// campaign tree's departments, districts and communes that exist on the deadline day
// (store.reports.reportingUnitsUnder reads them; store.reports.filingsUnder pairs them
// with their reports).
import type { Unit, UnitKind } from '../units/types.js';
import type { UnitReport } from './types.js';

export const REPORTING_KINDS: readonly UnitKind[] = ['department', 'district', 'commune'];

export function mustReport(unit: Unit): boolean {
  return REPORTING_KINDS.includes(unit.kind);
}

export type FilingState = 'onTime' | 'late' | 'missing';

export interface UnitFiling {
  unit: Unit;
  state: FilingState;
  report?: UnitReport;
}

/** Each unit with its filing: missing without a report, else on time or late as first filed. */
export function filingsOf(units: readonly Unit[], reports: ReadonlyMap<string, UnitReport>): UnitFiling[] {
  return units.map((unit) => {
    const report = reports.get(unit.code);
    if (!report) return { unit, state: 'missing' as const };
    return { unit, state: report.late ? ('late' as const) : ('onTime' as const), report };
  });
}
