// The units that must report under a unit on a day, with what each has filed for a period.
import type { Kysely } from 'kysely';
import { filingsOf, REPORTING_KINDS, type UnitFiling } from '../../campaign/reports/status.js';
import type { ReportKind } from '../../campaign/reports/week.js';
import { compareUnitNames } from '../../campaign/units/nameOrder.js';
import type { Unit } from '../../campaign/units/types.js';
import { unitFrom } from '../units/unitRows.js';
import type { DB } from '../schema.js';
import type { reportQueries } from './reports.js';

/** The reporting units, over one Kysely connection (or pool); filings read the reports too. */
export function reportingUnitQueries(db: Kysely<DB>, reports: Pick<ReturnType<typeof reportQueries>, 'reportsForPeriod'>) {
  /** The reporting units at or under `rootCode` on `day`, in tree order (parents before children). */
  async function reportingUnitsUnder(rootCode: string, day: string): Promise<Unit[]> {
    // One query: a unit with several successors comes once per successor, gathered below.
    const rows = await db
      .selectFrom('unit_closure as c')
      .innerJoin('unit as u', 'u.code', 'c.descendant_code')
      .leftJoin('unit_succession as s', 's.predecessor_code', 'u.code')
      .select([
        'u.code',
        'u.name',
        'u.kind',
        'u.parent_code',
        'u.official_code',
        'u.valid_from',
        'u.valid_to',
        'c.depth',
        's.successor_code',
      ])
      .where('c.ancestor_code', '=', rootCode)
      .where('u.kind', 'in', REPORTING_KINDS)
      .where((eb) => eb.or([eb('u.valid_from', 'is', null), eb('u.valid_from', '<=', day)]))
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', day)]))
      .execute();
    const units = new Map<string, { unit: Unit; depth: number }>();
    for (const row of rows) {
      let entry = units.get(row.code);
      if (!entry) {
        units.set(row.code, (entry = { unit: unitFrom(row, []), depth: row.depth }));
      }
      if (row.successor_code !== null) entry.unit.successorCodes.push(row.successor_code);
    }
    const entries = [...units.values()];
    for (const { unit } of entries) unit.successorCodes.sort();
    return entries.sort((a, b) => a.depth - b.depth || compareUnitNames(a.unit.name, b.unit.name)).map((e) => e.unit);
  }

  return {
    reportingUnitsUnder,

    /** Each reporting unit under `rootCode` with its filing for the period. */
    async filingsUnder(rootCode: string, kind: ReportKind, deadlineDay: string): Promise<UnitFiling[]> {
      const [units, filed] = await Promise.all([
        reportingUnitsUnder(rootCode, deadlineDay),
        reports.reportsForPeriod(kind, deadlineDay),
      ]);
      return filingsOf(units, filed);
    },
  };
}
