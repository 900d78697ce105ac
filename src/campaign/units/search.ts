// Finding units by what a person types: an exact code or official code first, then names
// compared without diacritics ("ba tri" finds "Huyện Ba Tri" and "Thị trấn Ba Tri").
import type { Db } from '../../store/database.js';
import { foldDiacritics } from '../../bot/normalize.js';
import { UNIT_COLUMNS, unitFromRow } from './repository.js';
import type { Unit } from './types.js';

export interface UnitSearchOptions {
  /** Only these kinds (e.g. ['commune']). */
  kinds?: string[];
  /** Only this unit and the units beneath it. */
  under?: string;
  limit?: number;
}

// Leading words that name the kind of a unit rather than the unit: typed or not, they
// should not decide the match ("xa phu hung" and "phu hung" both find "Xã Phú Hưng").
// Only a prefix is dropped, so "Thạnh Phú" keeps both its words.
const KIND_PREFIXES = [
  'ubnd',
  'uy ban nhan dan',
  'thanh pho',
  'thi tran',
  'thi xa',
  'huyen',
  'xa',
  'phuong',
  'tinh',
  'so',
  'tp',
  'tt',
  'tx',
];

function significantWords(folded: string): string[] {
  let rest = folded;
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const prefix of KIND_PREFIXES)
      if (rest.startsWith(`${prefix} `)) {
        rest = rest.slice(prefix.length + 1);
        stripped = true;
      }
  }
  return rest.split(' ').filter(Boolean);
}

/** A unit's name without its kind word, as people type it: "Phường Phú Khương" → "Phú Khương". */
export function significantName(name: string): string {
  const words = name.split(' ');
  const kept = significantWords(foldDiacritics(name)).length;
  return words.slice(words.length - kept).join(' ');
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Units matching `query`, best first: an exact code (or official code) match alone when
 * there is one; otherwise names holding every typed word as a whole word, exact names first.
 */
export function findUnitsByName(db: Db, query: string, opts: UnitSearchOptions = {}): Unit[] {
  const limit = opts.limit ?? 10;
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const scope: string[] = [];
  const params: unknown[] = [];
  if (opts.kinds && opts.kinds.length > 0) {
    scope.push(`u.kind IN (${opts.kinds.map(() => '?').join(',')})`);
    params.push(...opts.kinds);
  }
  if (opts.under) {
    scope.push('u.code IN (SELECT descendant_code FROM unit_closure WHERE ancestor_code = ?)');
    params.push(opts.under);
  }
  const scopeSql = scope.length > 0 ? ` AND ${scope.join(' AND ')}` : '';

  const byCode = db
    .prepare(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE (u.code = ? COLLATE NOCASE OR u.official_code = ?)${scopeSql} LIMIT ?`)
    .all(trimmed, trimmed, ...params, limit) as Parameters<typeof unitFromRow>[0][];
  if (byCode.length > 0) return byCode.map(unitFromRow);

  const folded = foldDiacritics(trimmed);
  const words = significantWords(folded);
  if (words.length === 0) return [];
  // Narrow with LIKE in SQL, then keep only whole-word matches.
  const likes = words.map(() => `(' ' || u.name_folded || ' ') LIKE ? ESCAPE '\\'`).join(' AND ');
  const rows = db
    .prepare(`SELECT ${UNIT_COLUMNS}, u.name_folded FROM unit u WHERE ${likes}${scopeSql}`)
    .all(...words.map((w) => `% ${escapeLike(w)} %`), ...params) as (Parameters<typeof unitFromRow>[0] & {
    name_folded: string;
  })[];
  const rank = (nameFolded: string): number => {
    if (nameFolded === folded) return 0;
    if (significantWords(nameFolded).join(' ') === words.join(' ')) return 1;
    return 2 + significantWords(nameFolded).length - words.length;
  };
  return rows
    .map((row) => ({ row, score: rank(row.name_folded) }))
    .sort((a, b) => a.score - b.score || a.row.name.localeCompare(b.row.name, 'vi'))
    .slice(0, limit)
    .map(({ row }) => unitFromRow(row));
}
