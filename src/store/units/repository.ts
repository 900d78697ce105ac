// Reading and writing the unit tree on Kysely. A write replaces the closure and every
// roll-up derived from the tree in the same transaction, so no reader sees half a tree.
import type { Kysely } from 'kysely';
import { foldDiacritics } from '../../bot/normalize.js';
import type { Relation } from '../../campaign/access.js';
import { compareUnitNames } from '../../campaign/units/nameOrder.js';
import type { UnitSearchOptions } from '../../campaign/units/search.js';
import { UNIT_KINDS, type Unit, type UnitKind, type UnitWrite, type UnitWriteSummary } from '../../campaign/units/types.js';
import type { DB } from '../schema.js';
import { rebuildClosure } from './closure.js';
import { reusableQuery } from '../reusableQuery.js';
import { findUnitsByName } from './search.js';
import { selectSuccessors, selectUnit, selectUnits, unitFrom, unitsFrom } from './unitRows.js';

/** A table derived from the tree (a roll-up), rebuilt inside the transaction that changed it. */
export type TreeDependent = (trx: Kysely<DB>) => Promise<void>;

/** The administrative tree: units, their history, the closure, and how two units relate. */
export class UnitRepository {
  // Asked on every /tiendo and permission check: compiled once (reusableQuery.ts).
  private readonly unitRow;
  private readonly successorRows;
  private readonly ancestorRows;
  private readonly relationRows;
  private readonly kindRows;

  /** @param dependents rebuilt, in order, after every change of the tree (the roll-ups). */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dependents: readonly TreeDependent[] = [],
  ) {
    this.unitRow = reusableQuery(db, (code: string) => selectUnit(db, code));
    this.successorRows = reusableQuery(db, (code: string) => selectSuccessors(db, code));
    this.ancestorRows = reusableQuery(db, (code: string) =>
      db.selectFrom('unit_closure').select('ancestor_code').where('descendant_code', '=', code).orderBy('depth', 'desc'),
    );
    // The closure rows between the two units, in either direction, and the depth-1 rows
    // naming each one's parent.
    this.relationRows = reusableQuery(db, (from: string, to: string) =>
      db
        .selectFrom('unit_closure')
        .select(['ancestor_code', 'descendant_code', 'depth'])
        .where((eb) =>
          eb.or([
            eb.and([eb('ancestor_code', '=', from), eb('descendant_code', '=', to)]),
            eb.and([eb('ancestor_code', '=', to), eb('descendant_code', '=', from)]),
            eb.and([eb('descendant_code', 'in', [from, to]), eb('depth', '=', 1)]),
          ]),
        ),
    );
    this.kindRows = reusableQuery(db, (code: string, day: string) =>
      db
        .selectFrom('unit_kind_below')
        .select('kind')
        .where('ancestor_code', '=', code)
        .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)])),
    );
  }

  /** The kinds of unit below the unit with some unit in force on `day`, from the highest level down. */
  async kindsBelow(code: string, day: string): Promise<UnitKind[]> {
    const found = new Set((await this.kindRows(code, day)).map((r) => r.kind));
    return UNIT_KINDS.filter((kind) => found.has(kind));
  }

  async getUnit(code: string): Promise<Unit | undefined> {
    const row = (await this.unitRow(code))[0];
    if (!row) return undefined;
    const successors = row.has_successors ? (await this.successorRows(code)).map((r) => r.successor_code) : [];
    return unitFrom(row, successors);
  }

  /** Every unit, by code (compared here: engines collate text differently). */
  async allUnits(): Promise<Unit[]> {
    return unitsFrom(await selectUnits(this.db).execute()).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** The unit's children, by name in Vietnamese order. */
  async childrenOf(code: string): Promise<Unit[]> {
    const children = unitsFrom(await selectUnits(this.db).where('u.parent_code', '=', code).execute());
    return children.sort((a, b) => compareUnitNames(a.name, b.name));
  }

  async countUnits(): Promise<number> {
    const row = await this.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Codes of the units without a parent (the provinces). */
  async rootCodes(): Promise<string[]> {
    const rows = await this.db.selectFrom('unit').select('code').where('parent_code', 'is', null).orderBy('code').execute();
    return rows.map((r) => r.code);
  }

  /** Every saved unit's parent (undefined for a root), for checking a file against the saved tree. */
  async parentLinks(): Promise<Map<string, string | undefined>> {
    const rows = await this.db.selectFrom('unit').select(['code', 'parent_code']).execute();
    return new Map(rows.map((r) => [r.code, r.parent_code ?? undefined]));
  }

  /**
   * A commune in force that carries an older commune of another name, and that old name,
   * for a prompt's example ("Phú Khương, or an old name such as Phú Hưng"); else any commune.
   */
  async communeNameExample(day: string, under?: string): Promise<{ name: string; oldName?: string } | undefined> {
    const merged = await this.currentCommunes(day, under)
      .innerJoin('unit_succession as s', 's.successor_code', 'u.code')
      .innerJoin('unit as p', 'p.code', 's.predecessor_code')
      .whereRef('p.name_folded', '<>', 'u.name_folded')
      .select(['u.name as name', 'p.name as oldName'])
      .orderBy('u.code')
      .orderBy('p.code')
      .limit(1)
      .executeTakeFirst();
    if (merged) return merged;
    return await this.currentCommunes(day, under).select('u.name as name').orderBy('u.code').limit(1).executeTakeFirst();
  }

  /** Communes in force on the day that no later unit has replaced, under a unit if given. */
  private currentCommunes(day: string, under?: string) {
    return this.db
      .selectFrom('unit as u')
      .where('u.kind', '=', 'commune')
      .where((eb) => eb.or([eb('u.valid_from', 'is', null), eb('u.valid_from', '<=', day)]))
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', day)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('unit_succession as n').select('n.predecessor_code').whereRef('n.predecessor_code', '=', 'u.code'),
          ),
        ),
      )
      .$if(under !== undefined, (qb) =>
        qb.where(
          'u.code',
          'in',
          this.db.selectFrom('unit_closure').select('descendant_code').where('ancestor_code', '=', under!),
        ),
      );
  }

  /** Codes from the root down to the unit itself. */
  async ancestorCodes(code: string): Promise<string[]> {
    return (await this.ancestorRows(code)).map((r) => r.ancestor_code);
  }

  findUnitsByName(query: string, opts: UnitSearchOptions = {}): Promise<Unit[]> {
    return findUnitsByName(this.db, query, opts);
  }

  /** How `from` stands to `to` in the tree (own, child, parent, sibling, …), for `can`: one query. */
  async relationOf(from: string, to: string): Promise<Relation> {
    if (from === to) return 'own';
    return relationFrom(from, to, await this.relationRows(from, to));
  }

  /**
   * Upserts the units (parents before children is not required), then rebuilds the closure
   * and what depends on the tree. One transaction: every unit is saved or none is.
   */
  async saveUnits(writes: readonly UnitWrite[]): Promise<UnitWriteSummary> {
    return await this.db.transaction().execute(async (trx) => {
      const summary: UnitWriteSummary = { added: 0, updated: 0, unchanged: 0 };
      const before = new Map<string, Record<string, string | null>>();
      for (const chunk of chunks(writes.map((w) => w.unit.code))) {
        const rows = await trx
          .selectFrom('unit')
          .select(['code', 'name', 'kind', 'parent_code', 'official_code', 'valid_from', 'valid_to'])
          .where('code', 'in', chunk)
          .execute();
        for (const { code, ...row } of rows) before.set(code, row);
      }
      for (const { unit, predecessorCodes } of writes) {
        const saved = before.get(unit.code);
        const after: Record<string, string | null> = {
          name: unit.name,
          kind: unit.kind,
          parent_code: unit.parentCode ?? null,
          official_code: unit.officialCode ?? null,
          valid_from: unit.validFrom ?? null,
          valid_to: unit.validTo ?? null,
        };
        if (!saved) summary.added++;
        else if (Object.entries(after).some(([k, v]) => saved[k] !== v)) summary.updated++;
        else summary.unchanged++;
        // Parents may come later in the file: saved without a parent first, linked below.
        await trx
          .insertInto('unit')
          .values({
            code: unit.code,
            name: unit.name,
            name_folded: foldDiacritics(unit.name),
            kind: unit.kind,
            parent_code: null,
            official_code: unit.officialCode ?? null,
            valid_from: unit.validFrom ?? null,
            valid_to: unit.validTo ?? null,
          })
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              name_folded: eb.ref('excluded.name_folded'),
              kind: eb.ref('excluded.kind'),
              official_code: eb.ref('excluded.official_code'),
              valid_from: eb.ref('excluded.valid_from'),
              valid_to: eb.ref('excluded.valid_to'),
            })),
          )
          .execute();
        const links = [
          ...unit.successorCodes.map((successor) => ({ predecessor_code: unit.code, successor_code: successor })),
          ...predecessorCodes.map((predecessor) => ({ predecessor_code: predecessor, successor_code: unit.code })),
        ];
        if (links.length > 0)
          await trx
            .insertInto('unit_succession')
            .values(links)
            .onConflict((oc) => oc.columns(['predecessor_code', 'successor_code']).doNothing())
            .execute();
      }
      for (const { unit } of writes)
        await trx
          .updateTable('unit')
          .set({ parent_code: unit.parentCode ?? null })
          .where('code', '=', unit.code)
          .execute();
      await rebuildClosure(trx);
      for (const rebuild of this.dependents) await rebuild(trx);
      return summary;
    });
  }

  /** Recomputes the closure (and what depends on it) from the parent links. */
  async rebuildClosure(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await rebuildClosure(trx);
      for (const rebuild of this.dependents) await rebuild(trx);
    });
  }
}

interface ClosureRow {
  ancestor_code: string;
  descendant_code: string;
  depth: number;
}

/** The relation read from the closure rows between the two units and their parents' rows. */
function relationFrom(from: string, to: string, rows: readonly ClosureRow[]): Relation {
  const down = rows.find((r) => r.ancestor_code === from && r.descendant_code === to);
  if (down) return down.depth === 1 ? 'child' : 'descendant';
  const up = rows.find((r) => r.ancestor_code === to && r.descendant_code === from);
  if (up) return up.depth === 1 ? 'parent' : 'ancestor';
  const parentOf = (code: string) => rows.find((r) => r.descendant_code === code && r.depth === 1)?.ancestor_code;
  const parent = parentOf(from);
  return parent !== undefined && parent === parentOf(to) ? 'sibling' : 'elsewhere';
}

/** Lists cut to a size every engine accepts as `IN (…)` parameters. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
