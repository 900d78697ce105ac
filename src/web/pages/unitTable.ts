// The units below a unit, as the overview's table: worst first by default, sortable by any
// column, filtered by kind and by parent, a page at a time. Sorting and filtering happen on
// the server from the query string, so the table works without JavaScript and every view
// has an address a leader can send to a colleague.
import { z } from 'zod';
import type { Translator } from '../../i18n/index.js';
import { type Counts, fractionOf, RATE_NAMES, type RateName } from '../../campaign/kpi.js';
import type { Targets } from '../../campaign/definition/schema.js';
import type { UnitRowCounts } from '../../campaign/statistics/types.js';
import { UNIT_KINDS } from '../../campaign/units/types.js';
import { compareUnitNames } from '../../campaign/units/nameOrder.js';
import { cellRate } from './rates.js';

export const SORT_KEYS = ['name', 'parent', 'received', ...RATE_NAMES] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Rows a page shows: a province's communes fit on one or two, the country's on a few dozen. */
export const PAGE_SIZE = 100;

export const TableQuerySchema = z.object({
  kind: z.enum(UNIT_KINDS).optional().catch(undefined),
  parent: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional()
    .catch(undefined),
  sort: z.enum(SORT_KEYS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  wall: z.literal('1').optional().catch(undefined),
});
export type TableQuery = z.infer<typeof TableQuerySchema>;

export interface TableRow {
  code: string;
  name: string;
  parentName: string;
  kind: string;
  received: string;
  /** The three rates in RATE_NAMES' order, as the columns read. */
  rates: { text: string; met: boolean }[];
}

export interface TableHeader {
  key: SortKey;
  label: string;
  /** aria-sort of the column. */
  ariaSort: 'ascending' | 'descending' | 'none';
  /** The address that sorts by it (the other way when it is the current sort). */
  href: string;
}

export interface UnitTableView {
  headers: TableHeader[];
  rows: TableRow[];
  total: number;
  page: number;
  pages: number;
  pageHref: (page: number) => string;
  query: TableQuery;
  /** "Sorted by online rate, lowest first". */
  sortedBy: string;
  /** What a met rate's tick says to a screen reader (once, not per cell). */
  metLabel: string;
}

function rateKey(counts: Counts, name: RateName): number {
  // No figure sorts below 0 %: a unit with nothing on record is the first to look at.
  return fractionOf(counts, name).rate ?? -1;
}

/** A row with its sort key worked out once: a country's 10.000 rows are compared ~130.000 times. */
interface Keyed {
  row: UnitRowCounts;
  key: number;
}

function compareBy(key: SortKey): (a: Keyed, b: Keyed) => number {
  if (key === 'name') return (a, b) => compareUnitNames(a.row.unit.name, b.row.unit.name);
  if (key === 'parent') return (a, b) => compareUnitNames(a.row.parentName, b.row.parentName);
  return (a, b) => a.key - b.key;
}

function keyOf(row: UnitRowCounts, key: SortKey): number {
  if (key === 'received') return row.counts.receivedTotal;
  return key === 'name' || key === 'parent' ? 0 : rateKey(row.counts, key);
}

export function unitTable(
  tr: Translator,
  rows: readonly UnitRowCounts[],
  targets: Targets,
  query: TableQuery,
  href: (q: TableQuery) => string,
): UnitTableView {
  const sort = query.sort ?? 'online';
  // Worst first: the lowest online rate at the top.
  const dir = query.dir ?? 'asc';
  const primary = compareBy(sort);
  const byName = compareBy('name');
  const sorted = rows
    .map((row) => ({ row, key: keyOf(row, sort) }))
    .sort((a, b) => {
      const c = primary(a, b);
      return (dir === 'asc' ? c : -c) || byName(a, b) || (a.row.unit.code < b.row.unit.code ? -1 : 1);
    })
    .map((k) => k.row);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const labels: Record<SortKey, string> = {
    name: tr.t('web:table.unit'),
    parent: tr.t('web:table.parent'),
    received: tr.t('web:table.received'),
    online: tr.t('campaign:rates.online'),
    payment: tr.t('campaign:rates.payment'),
    digitization: tr.t('campaign:rates.digitization'),
  };
  // Each kind's name looked up once, not once per row.
  const kindNames = new Map<string, string>();
  const kindName = (kind: string) => {
    let name = kindNames.get(kind);
    if (name === undefined) kindNames.set(kind, (name = tr.t(`web:kinds.${kind}`)));
    return name;
  };
  return {
    headers: SORT_KEYS.map((key) => {
      const current = key === sort;
      const { page: _page, ...rest } = query;
      return {
        key,
        label: labels[key],
        ariaSort: current ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
        href: href({ ...rest, sort: key, dir: current && dir === 'asc' ? 'desc' : 'asc' }),
      };
    }),
    rows: shown.map((r) => ({
      code: r.unit.code,
      name: r.unit.name,
      parentName: r.parentName,
      kind: kindName(r.unit.kind),
      received: tr.fmt.count(r.counts.receivedTotal),
      rates: RATE_NAMES.map((name) => {
        const cell = cellRate(tr, r.counts, name);
        return { text: cell.text, met: cell.value !== undefined && cell.value >= targets[name] - 1e-9 };
      }),
    })),
    total: rows.length,
    page,
    pages,
    pageHref: (n) => href({ ...query, page: n }),
    query,
    // Names read A to Z, numbers low to high.
    sortedBy: tr.t(`web:table.sorted${sort === 'name' || sort === 'parent' ? 'Names' : ''}${dir === 'asc' ? 'Asc' : 'Desc'}`, {
      column: labels[sort],
    }),
    metLabel: tr.t('web:rates.met'),
  };
}

/** A query string of the table's settings, without empty values. */
export function tableSearch(q: TableQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}
