// Finding units by what a person types: an exact code or official code first, then names
// compared without diacritics ("ba tri" finds "Huyện Ba Tri" and "Thị trấn Ba Tri"). The
// queries are the store's (src/store/units/search.ts); the words and the ranking are here.
import { foldDiacritics } from '../../bot/normalize.js';

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

/** The words of a folded name or query that name the unit, its kind words dropped. */
export function significantWords(folded: string): string[] {
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

/** A LIKE pattern finding `word` as a whole word in `' ' || name_folded || ' '` (escape character a backslash). */
export function wholeWordPattern(word: string): string {
  return `% ${word.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
}

/**
 * The name matches best first: the exact folded name, then the same words without the kind
 * word, then the fewest extra words; ties by name.
 */
export function rankNameMatches<T extends { name: string; nameFolded: string }>(
  matches: readonly T[],
  query: string,
  limit: number,
): T[] {
  const folded = foldDiacritics(query.trim());
  const words = significantWords(folded);
  const rank = (nameFolded: string): number => {
    if (nameFolded === folded) return 0;
    if (significantWords(nameFolded).join(' ') === words.join(' ')) return 1;
    return 2 + significantWords(nameFolded).length - words.length;
  };
  return matches
    .map((match) => ({ match, score: rank(match.nameFolded) }))
    .sort((a, b) => a.score - b.score || a.match.name.localeCompare(b.match.name, 'vi'))
    .slice(0, limit)
    .map(({ match }) => match);
}
