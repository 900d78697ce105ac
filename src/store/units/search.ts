// The queries behind finding units by what a person types (src/campaign/units/search.ts
// holds the words and the ranking): an exact code or official code first, then names
// holding every typed word, compared without diacritics.
import { type Kysely, sql } from 'kysely';
import { foldDiacritics } from '../../bot/normalize.js';
import { rankNameMatches, significantWords, type UnitSearchOptions, wholeWordPattern } from '../../campaign/units/search.js';
import type { Unit } from '../../campaign/units/types.js';
import type { DB } from '../schema.js';
import { selectUnits, unitsFrom } from './unitRows.js';

function scopedUnits(db: Kysely<DB>, opts: UnitSearchOptions) {
  const { kinds, under } = opts;
  return selectUnits(db)
    .$if(kinds !== undefined && kinds.length > 0, (qb) => qb.where('u.kind', 'in', kinds!))
    .$if(under !== undefined, (qb) =>
      qb.where('u.code', 'in', db.selectFrom('unit_closure').select('descendant_code').where('ancestor_code', '=', under!)),
    );
}

/**
 * Units matching `query`, best first: an exact code (or official code) match alone when
 * there is one; otherwise names holding every typed word as a whole word, exact names first.
 */
export async function findUnitsByName(db: Kysely<DB>, query: string, opts: UnitSearchOptions = {}): Promise<Unit[]> {
  const limit = opts.limit ?? 10;
  const trimmed = query.trim();
  if (trimmed === '') return [];
  // Codes are upper case (checked on import): a code typed in any case finds its unit.
  const byCode = await scopedUnits(db, opts)
    .where((eb) => eb.or([eb('u.code', '=', trimmed.toUpperCase()), eb('u.official_code', '=', trimmed)]))
    .orderBy('u.code')
    .execute();
  if (byCode.length > 0) return unitsFrom(byCode).slice(0, limit);

  const words = significantWords(foldDiacritics(trimmed));
  if (words.length === 0) return [];
  // Narrow with LIKE in SQL (both sides already lower case), then rank the whole-word matches.
  const rows = await scopedUnits(db, opts)
    .select('u.name_folded')
    .where((eb) =>
      eb.and(
        words.map((word) => sql<boolean>`(' ' || ${eb.ref('u.name_folded')} || ' ') LIKE ${wholeWordPattern(word)} ESCAPE '\\'`),
      ),
    )
    .execute();
  const folded = new Map(rows.map((row) => [row.code, row.name_folded]));
  const matches = unitsFrom(rows).map((unit) => ({ unit, name: unit.name, nameFolded: folded.get(unit.code)! }));
  return rankNameMatches(matches, trimmed, limit).map((m) => m.unit);
}
