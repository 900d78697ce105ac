// The communes a person may mean by a name, as they are today: a commune merged in 2025
// is found by its old name and answered with the commune that carries it now ("Xã Phú
// Hưng (cũ) nay thuộc Phường Phú Khương"), from the unit list's predecessor codes.
import type { Store } from '../store/index.js';
import { foldDiacritics } from '../bot/normalize.js';
import { inForce } from '../campaign/units/validity.js';
import type { Unit } from '../campaign/units/types.js';

export interface HelpCommune {
  unit: Unit;
  /** The old commune the person named, when it has been merged into `unit`. */
  formerly?: Unit;
}

export interface HelpCommuneOptions {
  /** YYYY-MM-DD in the province's time zone. */
  today: string;
  /** Only communes under this unit (the current province). */
  under?: string;
  limit: number;
}

/** Replaced by another unit: it has successors, or its validity has ended. */
function superseded(unit: Unit, day: string): boolean {
  return unit.successorCodes.length > 0 || !inForce(unit, day);
}

type Units = Store['units'];

/** Units read once per search: communes of one district share their parent. */
function unitReader(units: Units): (code: string) => Promise<Unit | undefined> {
  const seen = new Map<string, Promise<Unit | undefined>>();
  return (code) => {
    let found = seen.get(code);
    if (!found) seen.set(code, (found = units.getUnit(code)));
    return found;
  };
}

/**
 * "an hiep ba tri", "phu hung thanh pho ben tre": a commune's name followed by its district's
 * (as people say to tell two communes apart). The longest leading name whose parent's name
 * holds the rest.
 */
async function namedWithParent(
  units: Units,
  unitOf: (code: string) => Promise<Unit | undefined>,
  query: string,
): Promise<Unit[]> {
  const words = foldDiacritics(query).split(' ').filter(Boolean);
  for (let k = words.length - 1; k >= 1; k--) {
    const rest = words.slice(k).join(' ');
    const candidates = await units.findUnitsByName(words.slice(0, k).join(' '), { kinds: ['commune'], limit: 200 });
    const found: Unit[] = [];
    for (const u of candidates) {
      const parent = u.parentCode ? await unitOf(u.parentCode) : undefined;
      if (parent !== undefined && ` ${foldDiacritics(parent.name)} `.includes(` ${rest} `)) found.push(u);
    }
    if (found.length > 0) return found;
  }
  return [];
}

/** Communes in force today that `query` names, by their own name or an old one. */
export async function findHelpCommunes(
  store: Pick<Store, 'units'>,
  query: string,
  opts: HelpCommuneOptions,
): Promise<HelpCommune[]> {
  const units = store.units;
  const unitOf = unitReader(units);
  // Old communes lie under an old province, so the search itself is not limited to `under`.
  const byName = await units.findUnitsByName(query, { kinds: ['commune'], limit: 200 });
  const named = byName.length > 0 ? byName : await namedWithParent(units, unitOf, query);
  const found = new Map<string, HelpCommune>();
  const under = opts.under;
  const isUnder = async (unit: Unit) => !under || (await units.ancestorCodes(unit.code)).includes(under);
  // Communes named as they are today come first; an old name adds the communes carrying it.
  for (const unit of named) if (!superseded(unit, opts.today) && (await isUnder(unit))) found.set(unit.code, { unit });
  for (const unit of named) {
    if (!superseded(unit, opts.today)) continue;
    for (const code of unit.successorCodes) {
      const successor = await unitOf(code);
      if (!successor || successor.kind !== 'commune' || superseded(successor, opts.today) || !(await isUnder(successor)))
        continue;
      if (!found.has(successor.code)) found.set(successor.code, { unit: successor, formerly: unit });
    }
  }
  return [...found.values()].slice(0, opts.limit);
}
