// The communes a person may mean by a name, as they are today: a commune merged in 2025
// is found by its old name and answered with the commune that carries it now ("Xã Phú
// Hưng (cũ) nay thuộc Phường Phú Khương"), from the unit list's predecessor codes.
import type { Db } from '../store/database.js';
import { findUnitsByName } from '../campaign/units/search.js';
import { ancestorCodes, getUnit } from '../campaign/units/repository.js';
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

/**
 * "an hiep ba tri", "phu hung thanh pho ben tre": a commune's name followed by its district's
 * (as people say to tell two communes apart). The longest leading name whose parent's name
 * holds the rest.
 */
function namedWithParent(db: Db, query: string): Unit[] {
  const words = foldDiacritics(query).split(' ').filter(Boolean);
  for (let k = words.length - 1; k >= 1; k--) {
    const rest = words.slice(k).join(' ');
    const found = findUnitsByName(db, words.slice(0, k).join(' '), { kinds: ['commune'], limit: 200 }).filter((u) => {
      const parent = u.parentCode ? getUnit(db, u.parentCode) : undefined;
      return parent !== undefined && ` ${foldDiacritics(parent.name)} `.includes(` ${rest} `);
    });
    if (found.length > 0) return found;
  }
  return [];
}

/** Communes in force today that `query` names, by their own name or an old one. */
export function findHelpCommunes(db: Db, query: string, opts: HelpCommuneOptions): HelpCommune[] {
  // Old communes lie under an old province, so the search itself is not limited to `under`.
  const byName = findUnitsByName(db, query, { kinds: ['commune'], limit: 200 });
  const named = byName.length > 0 ? byName : namedWithParent(db, query);
  const found = new Map<string, HelpCommune>();
  const isUnder = (unit: Unit) => !opts.under || ancestorCodes(db, unit.code).includes(opts.under);
  // Communes named as they are today come first; an old name adds the communes carrying it.
  for (const unit of named) if (!superseded(unit, opts.today) && isUnder(unit)) found.set(unit.code, { unit });
  for (const unit of named) {
    if (!superseded(unit, opts.today)) continue;
    for (const code of unit.successorCodes) {
      const successor = getUnit(db, code);
      if (!successor || successor.kind !== 'commune' || superseded(successor, opts.today) || !isUnder(successor)) continue;
      if (!found.has(successor.code)) found.set(successor.code, { unit: successor, formerly: unit });
    }
  }
  return [...found.values()].slice(0, opts.limit);
}
