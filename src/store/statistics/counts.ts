// Subtree counts read from the roll-up the triggers keep beside unit_statistic: the work
// per question grows with the days and the children asked about, not with the units below.
// /tiendo runs these on every reply: each is compiled once (reusableQuery.ts).
import type { ExpressionBuilder, Kysely } from 'kysely';
import { type Counts, addCounts } from '../../campaign/kpi.js';
import type { ChildCounts, DayRange, UnitRowCounts, WeeklyCounts } from '../../campaign/statistics/types.js';
import type { UnitKind } from '../../campaign/units/types.js';
import type { DB, UnitStatisticRollup } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

interface CountColumns {
  received_total: number | string | bigint | null;
  received_online: number | string | bigint | null;
  digitized: number | string | bigint | null;
  fee_dossiers: number | string | bigint | null;
  paid_online: number | string | bigint | null;
}

/** Counts from a row of sums; a child without rows has none (zeros). */
function countsOf(row: CountColumns): Counts {
  return {
    receivedTotal: Number(row.received_total ?? 0),
    receivedOnline: Number(row.received_online ?? 0),
    digitized: Number(row.digitized ?? 0),
    feeDossiers: Number(row.fee_dossiers ?? 0),
    paidOnline: Number(row.paid_online ?? 0),
  };
}

/** The five counts summed over the roll-up rows `r`, named as the row types read them. */
function rollupSums(eb: ExpressionBuilder<{ r: UnitStatisticRollup }, 'r'>) {
  return [
    eb.fn.sum<number>('r.received_total').as('received_total'),
    eb.fn.sum<number>('r.received_online').as('received_online'),
    eb.fn.sum<number>('r.digitized').as('digitized'),
    eb.fn.sum<number>('r.fee_dossiers').as('fee_dossiers'),
    eb.fn.sum<number>('r.paid_online').as('paid_online'),
  ];
}

/**
 * The children of `parent` (of one kind, when `kind` is given) with their sums over the
 * range, null where a child has no rows: one statement. Named by an `IN` list, the
 * children are read through the primary key in code order, so SQLite groups each one's
 * roll-up rows as they come: no sort and no materialized subquery (PostgreSQL has no rowid
 * to group by, as the old SQLite query did). Code and sums only: SQLite then reads the
 * code index alone, never the table (add `u.name` where the names are shown).
 */
function childrenWithSums(db: Kysely<DB>, parent: string, from: string, to: string, kind?: string) {
  const children = db
    .selectFrom('unit as c')
    .select('c.code')
    .where('c.parent_code', '=', parent)
    .$if(kind !== undefined, (qb) => qb.where('c.kind', '=', kind!));
  return (
    db
      .selectFrom('unit as u')
      .leftJoin('unit_statistic_rollup as r', (join) =>
        join.onRef('r.ancestor_code', '=', 'u.code').on((eb) => eb.between('r.to_date', from, to)),
      )
      .where('u.code', 'in', children)
      // The code alone: the name follows from the key (PostgreSQL allows it); one text compared per row.
      .groupBy('u.code')
      .select((eb) => ['u.code', ...rollupSums(eb)])
  );
}

/** Which units the dashboard's table lists, as a subquery of their codes. */
type UnitsBelow =
  /** The children of `parent` (of one kind when given), when `parent` is `root` or below it. */
  | { parent: string; root: string; kind?: string }
  /** Every unit of a kind anywhere below `root`. */
  | { root: string; kind: string };

function unitCodes(db: Kysely<DB>, below: UnitsBelow) {
  if (!('parent' in below))
    return db
      .selectFrom('unit_closure as c')
      .innerJoin('unit as k', 'k.code', 'c.descendant_code')
      .select('k.code')
      .where('c.ancestor_code', '=', below.root)
      .where('c.depth', '>=', 1)
      .where('k.kind', '=', below.kind);
  // The closure holds (root, root) at depth 0: the root's own children pass the check.
  return db
    .selectFrom('unit as k')
    .select('k.code')
    .where('k.parent_code', '=', below.parent)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('unit_closure as c')
          .select('c.depth')
          .where('c.ancestor_code', '=', below.root)
          .whereRef('c.descendant_code', '=', 'k.parent_code'),
      ),
    )
    .$if(below.kind !== undefined, (qb) => qb.where('k.kind', '=', below.kind!));
}

/**
 * The units the table lists, in force on the range's last day, with their parent's name and
 * their subtree sums (null without rows): one statement. Named by an `IN` list, the units
 * are read by their key in code order and each one's roll-up rows joined as they come, so
 * grouping by the key sorts nothing and nothing is materialized (a subquery of sums joined
 * back made SQLite build an index on it at every call). Grouped by the key, the unit's
 * other columns follow from it (PostgreSQL allows them); the parent's name is looked up once
 * per unit listed.
 */
function unitsWithSums(db: Kysely<DB>, below: UnitsBelow, from: string, to: string) {
  return (
    db
      .selectFrom('unit as u')
      .leftJoin('unit_statistic_rollup as r', (join) =>
        join.onRef('r.ancestor_code', '=', 'u.code').on((eb) => eb.between('r.to_date', from, to)),
      )
      .where('u.code', 'in', unitCodes(db, below))
      // In force on the range's last day (validity.ts): merged and renamed units stay in the tree.
      .where((eb) => eb.or([eb('u.valid_from', 'is', null), eb('u.valid_from', '<=', to)]))
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', to)]))
      .groupBy('u.code')
      .select((eb) => [
        'u.code',
        'u.name',
        'u.kind',
        'u.parent_code',
        eb.selectFrom('unit as p').select('p.name').whereRef('p.code', '=', 'u.parent_code').as('parent_name'),
        ...rollupSums(eb),
      ])
      // Every unit listed lies below the root: it has a parent.
      .$narrowType<{ parent_code: string; parent_name: string }>()
  );
}

/** The subtree sums /tiendo reads, each query compiled once for this connection. */
export class StatisticCounts {
  // One roll-up row per (unit, day): the subtree's sums for that day, already added up.
  private readonly days;
  private readonly children;
  private readonly childSums;
  private readonly childSumsOfKind;
  private readonly tableChildren;
  private readonly tableChildrenOfKind;
  private readonly tableOfKind;

  constructor(db: Kysely<DB>) {
    this.days = reusableQuery(db, (unitCode: string, from: string, to: string) =>
      db
        .selectFrom('unit_statistic_rollup as r')
        .where('r.ancestor_code', '=', unitCode)
        .where((eb) => eb.between('r.to_date', from, to))
        .select(['r.to_date', 'r.received_total', 'r.received_online', 'r.digitized', 'r.fee_dossiers', 'r.paid_online'])
        .orderBy('r.to_date'),
    );
    this.children = reusableQuery(db, (parent: string, from: string, to: string) =>
      childrenWithSums(db, parent, from, to).select('u.name'),
    );
    this.childSums = reusableQuery(db, (parent: string, from: string, to: string) => childrenWithSums(db, parent, from, to));
    this.childSumsOfKind = reusableQuery(db, (parent: string, from: string, to: string, kind: string) =>
      childrenWithSums(db, parent, from, to, kind),
    );
    // The dashboard's table in its three shapes, each compiled once.
    this.tableChildren = reusableQuery(db, (parent: string, root: string, from: string, to: string) =>
      unitsWithSums(db, { parent, root }, from, to),
    );
    this.tableChildrenOfKind = reusableQuery(db, (parent: string, root: string, kind: string, from: string, to: string) =>
      unitsWithSums(db, { parent, root, kind }, from, to),
    );
    this.tableOfKind = reusableQuery(db, (root: string, kind: string, from: string, to: string) =>
      unitsWithSums(db, { root, kind }, from, to),
    );
  }

  /**
   * The subtree's counts per period (only periods that have rows), with each period's last
   * day. `periodEnd` names the period a day belongs to by its last day: the campaign's
   * reporting period, or an ISO week.
   */
  async periodCountsUnder(unitCode: string, range: DayRange, periodEnd: (day: string) => string): Promise<WeeklyCounts[]> {
    const periods: WeeklyCounts[] = [];
    for (const row of await this.days(unitCode, range.from, range.to)) {
      const day = row.to_date;
      const end = periodEnd(day);
      const last = periods.at(-1);
      if (last && last.weekEnd === end) {
        last.lastDay = day;
        last.counts = addCounts(last.counts, countsOf(row));
      } else periods.push({ weekEnd: end, lastDay: day, counts: countsOf(row) });
    }
    return periods;
  }

  /** Each child's subtree counts over the range (only children of that kind, if given); children without rows get zeros. */
  async childCountsUnder(parentCode: string, range: DayRange, kind?: UnitKind): Promise<Map<string, Counts>> {
    const rows =
      kind === undefined
        ? await this.childSums(parentCode, range.from, range.to)
        : await this.childSumsOfKind(parentCode, range.from, range.to, kind);
    return new Map(rows.map((r) => [r.code, countsOf(r)]));
  }

  /**
   * The children with their subtree counts over the range, zeros for those without rows: one
   * statement, with only the columns /tiendo shows. In no set order: /tiendo orders them by
   * their rates, then by name (progressReply.ts, worstFirst); a second sort by name here
   * would only cost time.
   */
  async childrenWithCountsUnder(parentCode: string, range: DayRange): Promise<ChildCounts[]> {
    const rows = await this.children(parentCode, range.from, range.to);
    return rows.map((r) => ({ unit: { code: r.code, name: r.name }, counts: countsOf(r) }));
  }

  /**
   * The dashboard's unit table: the units strictly below the root (of one kind, children of
   * one parent, when asked; the root's children when neither is) with their parent's name and
   * subtree counts, zeros for those without rows, in no set order. A parent outside the root's
   * subtree lists nothing.
   */
  async unitsWithCountsUnder(
    rootCode: string,
    range: DayRange,
    filter: { kind?: UnitKind; parentCode?: string },
  ): Promise<UnitRowCounts[]> {
    const { kind, parentCode } = filter;
    const { from, to } = range;
    const rows =
      kind !== undefined && parentCode === undefined
        ? await this.tableOfKind(rootCode, kind, from, to)
        : kind !== undefined
          ? await this.tableChildrenOfKind(parentCode ?? rootCode, rootCode, kind, from, to)
          : await this.tableChildren(parentCode ?? rootCode, rootCode, from, to);
    return rows.map((r) => ({
      unit: { code: r.code, name: r.name, kind: r.kind as UnitKind, parentCode: r.parent_code },
      parentName: r.parent_name,
      counts: countsOf(r),
    }));
  }
}
