// The parents' names beside a list of units (the workbook's and the dashboard board's "under"
// column, the units a reminder names): most parents are units of the same list, so few are read.
import type { Store } from '../../store/index.js';
import type { Unit } from '../units/types.js';

/** The name of each unit's parent, by the parent's code: most are units of the list already, the others read once. */
export async function parentNamesOf(
  store: Pick<Store, 'units'>,
  units: readonly Pick<Unit, 'code' | 'name' | 'parentCode'>[],
): Promise<Map<string, string>> {
  const names = new Map(units.map((u) => [u.code, u.name]));
  const parents = new Map<string, string>();
  for (const code of new Set(units.flatMap((u) => (u.parentCode ? [u.parentCode] : [])))) {
    const name = names.get(code) ?? (await store.units.getUnit(code))?.name;
    if (name !== undefined) parents.set(code, name);
  }
  return parents;
}
