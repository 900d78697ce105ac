// The parents' names beside a list of filings (the workbook's and the dashboard board's
// "under" column): most parents are filings of the same list, so few are read.
import type { Store } from '../../store/index.js';
import type { UnitFiling } from './status.js';

/** The name of each unit's parent, by the parent's code: most are rows of the list already. */
export async function filingParentNames(
  store: Pick<Store, 'units'>,
  filings: readonly UnitFiling[],
): Promise<Map<string, string>> {
  const names = new Map(filings.map((f) => [f.unit.code, f.unit.name]));
  const parents = new Map<string, string>();
  for (const code of new Set(filings.flatMap((f) => (f.unit.parentCode ? [f.unit.parentCode] : [])))) {
    const name = names.get(code) ?? (await store.units.getUnit(code))?.name;
    if (name !== undefined) parents.set(code, name);
  }
  return parents;
}
