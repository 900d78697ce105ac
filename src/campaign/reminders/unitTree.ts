// The campaign's tree as the reminders see it: which units must report on a day, which
// reporting unit answers for a unit (a team answers through its commune), and what lies
// below a unit.
import { REPORTING_KINDS } from '../reports/status.js';
import type { Unit, UnitKind } from '../units/types.js';
import { inForce } from '../units/validity.js';
import { compareUnitNames } from '../units/nameOrder.js';

const KIND_ORDER: readonly UnitKind[] = ['province', 'department', 'district', 'commune', 'team'];

export class ReminderUnitTree {
  private readonly byCode: Map<string, Unit>;

  constructor(units: readonly Unit[]) {
    this.byCode = new Map(units.map((u) => [u.code, u]));
  }

  get(code: string): Unit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Reporting units in force on `day`. */
  reportingOn(day: string): Unit[] {
    return [...this.byCode.values()].filter((u) => REPORTING_KINDS.includes(u.kind) && inForce(u, day));
  }

  /** The unit itself and its ancestors within the tree, nearest first. */
  lineage(code: string): Unit[] {
    const chain: Unit[] = [];
    for (
      let unit = this.byCode.get(code);
      unit && chain.length < 64;
      unit = unit.parentCode ? this.byCode.get(unit.parentCode) : undefined
    )
      chain.push(unit);
    return chain;
  }

  /** The nearest reporting unit at or above `code` in force on `day`. */
  reportingUnitFor(code: string, day: string): Unit | undefined {
    return this.lineage(code).find((u) => REPORTING_KINDS.includes(u.kind) && inForce(u, day));
  }

  isWithin(code: string, ancestorCode: string): boolean {
    return this.lineage(code).some((u) => u.code === ancestorCode);
  }
}

/** Departments, then districts, then communes; by name within a kind. */
export function byKindThenName(a: Unit, b: Unit): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareUnitNames(a.name, b.name);
}
