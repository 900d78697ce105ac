// Units read with their successors in one query: the unit joined to unit_succession comes
// once per successor (once with none), and the rows are gathered back into units here,
// as text aggregation differs between SQLite and PostgreSQL. One unit by code (every
// /tiendo and permission check) is read without the join, which costs SQLite three times
// the lookup: with a flag, and its successors asked for only when it has any.
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

const UNIT_COLUMNS = ['u.code', 'u.name', 'u.kind', 'u.parent_code', 'u.official_code', 'u.valid_from', 'u.valid_to'] as const;

/** Units (`u`) with their successors (`s`); filter on `u`, then gather with `unitsFrom`. */
export function selectUnits(db: Kysely<DB>) {
  return db
    .selectFrom('unit as u')
    .leftJoin('unit_succession as s', 's.predecessor_code', 'u.code')
    .select([...UNIT_COLUMNS, 's.successor_code']);
}

/** One unit by code, with whether it has successors (then read with `selectSuccessors`). */
export function selectUnit(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('unit as u')
    .where('u.code', '=', code)
    .select((eb) => [
      ...UNIT_COLUMNS,
      eb
        .exists(eb.selectFrom('unit_succession as s').select('s.successor_code').whereRef('s.predecessor_code', '=', 'u.code'))
        .as('has_successors'),
    ]);
}

/** A unit's successors, unsorted (`unitFrom` sorts them: engines collate text differently). */
export function selectSuccessors(db: Kysely<DB>, code: string) {
  return db.selectFrom('unit_succession').select('successor_code').where('predecessor_code', '=', code);
}

/** The unit of a `selectUnit` row, with the successors read for it. */
export function unitFrom(row: Omit<UnitRow, 'successor_code'>, successorCodes: string[]): Unit {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as UnitKind,
    ...(row.parent_code ? { parentCode: row.parent_code } : {}),
    ...(row.official_code ? { officialCode: row.official_code } : {}),
    ...(row.valid_from ? { validFrom: row.valid_from } : {}),
    ...(row.valid_to ? { validTo: row.valid_to } : {}),
    successorCodes: successorCodes.sort(),
  };
}

/** The units of `selectUnits` rows, in the order each first appears, successors sorted. */
export function unitsFrom(rows: readonly UnitRow[]): Unit[] {
  const byCode = new Map<string, Unit>();
  for (const row of rows) {
    let unit = byCode.get(row.code);
    if (!unit) {
      unit = unitFrom(row, []);
      byCode.set(row.code, unit);
    }
    if (row.successor_code !== null) unit.successorCodes.push(row.successor_code);
  }
  const units = [...byCode.values()];
  for (const unit of units) unit.successorCodes.sort();
  return units;
}
