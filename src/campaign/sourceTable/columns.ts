// Matches a file's header to canonical column names, in English or Vietnamese, with or
// without diacritics, spaces or underscores ("Tiếp nhận trực tuyến" = received_online).
import { foldDiacritics } from '../../bot/normalize.js';

export type ColumnAliases<C extends string> = Record<C, readonly string[]>;

function key(header: string): string {
  return foldDiacritics(header).replace(/ /g, '_');
}

export interface ColumnMatch<C extends string> {
  /** The canonical name of each header cell, undefined for columns not used. */
  columns: (C | undefined)[];
  missing: C[];
  duplicated: C[];
}

export function matchColumns<C extends string>(
  header: string[],
  aliases: ColumnAliases<C>,
  required: readonly C[],
): ColumnMatch<C> {
  const lookup = new Map<string, C>();
  for (const [canonical, names] of Object.entries(aliases) as [C, readonly string[]][]) {
    lookup.set(key(canonical), canonical);
    for (const name of names) lookup.set(key(name), canonical);
  }
  const columns = header.map((h) => lookup.get(key(h)));
  const seen = new Set<C>();
  const duplicated: C[] = [];
  for (const c of columns) {
    if (c === undefined) continue;
    if (seen.has(c)) duplicated.push(c);
    seen.add(c);
  }
  return { columns, missing: required.filter((c) => !seen.has(c)), duplicated };
}
