// The imported counts: saving a file's rows (all or none, checked against what is saved in
// the same transaction) and reading them summed over subtrees (counts.ts).
import type { Kysely } from 'kysely';
import type { Counts } from '../../campaign/kpi.js';
import type { SavedPeriod, StatisticTableContext } from '../../campaign/statistics/statisticTable.js';
import type { ChildCounts, DayRange, StatisticRow, UnitRowCounts, WeeklyCounts } from '../../campaign/statistics/types.js';
import type { ImportIssue } from '../../campaign/sourceTable/types.js';
import type { UnitKind } from '../../campaign/units/types.js';
import { weekEndOf } from '../../campaign/weeks.js';
import type { AuditEntry, AuditLog } from '../core/audit.js';
import type { DB } from '../schema.js';
import { StatisticCounts } from './counts.js';
import { rebuildStatisticRollup } from './rollup.js';

/** Rows per INSERT: 11 columns each, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** How many of a file's rows were new, and how many replaced a saved row of the same period. */
export interface SavedCounts {
  added: number;
  replaced: number;
}

/** A file's rows checked against the saved units and periods: rows to save, or the issues. */
export type StatisticCheck = (context: StatisticTableContext) => { rows: StatisticRow[]; issues: ImportIssue[] };

/** A file saved in full, or the issues that kept all of it out. */
export type StatisticImportOutcome = ({ ok: true } & SavedCounts) | { ok: false; issues: ImportIssue[] };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const keyOf = (unitCode: string, from: string, to: string) => `${unitCode}\u0000${from}\u0000${to}`;

/** The units' saved periods, by unit code. */
async function savedPeriods(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, SavedPeriod[]>> {
  const byUnit = new Map<string, SavedPeriod[]>();
  for (const chunk of chunks([...new Set(codes)], 500)) {
    const rows = await db
      .selectFrom('unit_statistic')
      .select(['unit_code as unitCode', 'from_date as from', 'to_date as to'])
      .where('unit_code', 'in', chunk)
      .orderBy('unit_code')
      .orderBy('from_date')
      .execute();
    for (const row of rows) {
      const periods = byUnit.get(row.unitCode);
      if (periods) periods.push(row);
      else byUnit.set(row.unitCode, [row]);
    }
  }
  return byUnit;
}

/** Upserts the rows; a row for a saved (unit, from, to) replaces it. */
async function saveRows(db: Kysely<DB>, rows: readonly StatisticRow[], importedAt: Date, source?: string): Promise<SavedCounts> {
  const saved = await savedPeriods(
    db,
    rows.map((r) => r.unitCode),
  );
  const seen = new Set<string>();
  for (const periods of saved.values()) for (const p of periods) seen.add(keyOf(p.unitCode, p.from, p.to));
  let added = 0;
  let replaced = 0;
  // The last row for a key wins, as if each were saved in turn.
  const latest = new Map<string, StatisticRow>();
  for (const row of rows) {
    const key = keyOf(row.unitCode, row.from, row.to);
    if (seen.has(key)) replaced++;
    else added++;
    seen.add(key);
    latest.delete(key);
    latest.set(key, row);
  }
  for (const chunk of chunks([...latest.values()], CHUNK))
    await db
      .insertInto('unit_statistic')
      .values(
        chunk.map((row) => ({
          unit_code: row.unitCode,
          from_date: row.from,
          to_date: row.to,
          week_end: weekEndOf(row.to),
          received_total: row.receivedTotal,
          received_online: row.receivedOnline,
          digitized: row.digitized,
          fee_dossiers: row.feeDossiers,
          paid_online: row.paidOnline,
          imported_at: importedAt.toISOString(),
          source: source ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['unit_code', 'from_date', 'to_date']).doUpdateSet((eb) => ({
          week_end: eb.ref('excluded.week_end'),
          received_total: eb.ref('excluded.received_total'),
          received_online: eb.ref('excluded.received_online'),
          digitized: eb.ref('excluded.digitized'),
          fee_dossiers: eb.ref('excluded.fee_dossiers'),
          paid_online: eb.ref('excluded.paid_online'),
          imported_at: eb.ref('excluded.imported_at'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  return { added, replaced };
}

/** The counts imported from the provincial system, and their subtree sums. */
export class StatisticsRepository {
  private readonly counts;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {
    this.counts = new StatisticCounts(db);
  }

  /** Saves the rows in one transaction (all or none). */
  async saveStatistics(rows: readonly StatisticRow[], importedAt: Date, source?: string): Promise<SavedCounts> {
    return await this.db.transaction().execute(async (trx) => await saveRows(trx, rows, importedAt, source));
  }

  /**
   * A file's rows, checked and saved in one transaction: `check` sees the units and saved
   * periods of `unitCodes` (the codes the file names) as they stand inside it, and nothing
   * is saved when it finds an issue. `audit`, given the counts saved, commits with them.
   */
  async importStatistics(
    unitCodes: readonly string[],
    check: StatisticCheck,
    importedAt: Date,
    opts: { source?: string; audit?: (saved: SavedCounts) => AuditEntry } = {},
  ): Promise<StatisticImportOutcome> {
    return await this.db.transaction().execute(async (trx): Promise<StatisticImportOutcome> => {
      const known = new Set<string>();
      for (const chunk of chunks([...new Set(unitCodes)], 500))
        for (const r of await trx.selectFrom('unit').select('code').where('code', 'in', chunk).execute()) known.add(r.code);
      const periods = await savedPeriods(trx, unitCodes);
      const { rows, issues } = check({ unitExists: (code) => known.has(code), savedPeriods: (code) => periods.get(code) ?? [] });
      if (issues.length > 0) return { ok: false, issues };
      const saved = await saveRows(trx, rows, importedAt, opts.source);
      if (opts.audit) await this.audit.record(opts.audit(saved), trx);
      return { ok: true, ...saved };
    });
  }

  periodCountsUnder(unitCode: string, range: DayRange, periodEnd: (day: string) => string): Promise<WeeklyCounts[]> {
    return this.counts.periodCountsUnder(unitCode, range, periodEnd);
  }

  childCountsUnder(parentCode: string, range: DayRange, kind?: UnitKind): Promise<Map<string, Counts>> {
    return this.counts.childCountsUnder(parentCode, range, kind);
  }

  childrenWithCountsUnder(parentCode: string, range: DayRange): Promise<ChildCounts[]> {
    return this.counts.childrenWithCountsUnder(parentCode, range);
  }

  /** Units below the root with their parent's name and subtree counts, for the dashboard's table (counts.ts). */
  unitsWithCountsUnder(
    rootCode: string,
    range: DayRange,
    filter: { kind?: UnitKind; parentCode?: string },
  ): Promise<UnitRowCounts[]> {
    return this.counts.unitsWithCountsUnder(rootCode, range, filter);
  }

  /** Recomputes the subtree sums from the rows and the closure (the triggers keep them otherwise). */
  async rebuildRollup(): Promise<void> {
    await this.db.transaction().execute(async (trx) => await rebuildStatisticRollup(trx));
  }
}
