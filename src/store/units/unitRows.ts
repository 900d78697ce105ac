// A unit read with its successors in one query: the unit joined to unit_succession comes
// once per successor (once with none), and the rows are gathered back into units here,
// as text aggregation differs between SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Unit, UnitKind } from '../../campaign/units/types.js';
import type { DB } from '../schema.js';

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  official_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_code: string | null;
}

/** Units (`u`) with their successors (`s`); filter on `u`, then gather with `unitsFrom`. */
export function selectUnits(db: Kysely<DB>) {
  return db
    .selectFrom('unit as u')
    .leftJoin('unit_succession as s', 's.predecessor_code', 'u.code')
    .select(['u.code', 'u.name', 'u.kind', 'u.parent_code', 'u.official_code', 'u.valid_from', 'u.valid_to', 's.successor_code']);
}

/** The units of `selectUnits` rows, in the order each first appears, successors sorted. */
export function unitsFrom(rows: readonly UnitRow[]): Unit[] {
  const byCode = new Map<string, Unit>();
  for (const row of rows) {
    let unit = byCode.get(row.code);
    if (!unit) {
      unit = {
        code: row.code,
        name: row.name,
        kind: row.kind as UnitKind,
        ...(row.parent_code ? { parentCode: row.parent_code } : {}),
        ...(row.official_code ? { officialCode: row.official_code } : {}),
        ...(row.valid_from ? { validFrom: row.valid_from } : {}),
        ...(row.valid_to ? { validTo: row.valid_to } : {}),
        successorCodes: [],
      };
      byCode.set(row.code, unit);
    }
    if (row.successor_code !== null) unit.successorCodes.push(row.successor_code);
  }
  const units = [...byCode.values()];
  for (const unit of units) unit.successorCodes.sort();
  return units;
}
