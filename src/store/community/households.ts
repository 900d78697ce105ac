// Household coverage per hamlet or area of a commune, and its sums per subtree (the roll-up
// of migration 014, kept by triggers).
import type { Kysely } from 'kysely';
import { foldDiacritics } from '../../bot/normalize.js';
import type { AreaCoverage, AreaEntry, CoverageTotals } from '../../community/coverage.js';
import type { DB } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

interface AreaRow {
  area_key: string;
  area_name: string;
  visited: number;
  with_account: number;
  updated_at: string;
}

const toArea = (r: AreaRow): AreaCoverage => ({
  areaName: r.area_name,
  visited: r.visited,
  withAccount: r.with_account,
  updatedAt: r.updated_at,
});

const AREA_COLUMNS = ['area_key', 'area_name', 'visited', 'with_account', 'updated_at'] as const;

/** The households each commune team has counted. */
export class HouseholdCoverageRepository {
  // Asked on every /tiendo: compiled once (reusableQuery.ts).
  private readonly rollupRow;

  constructor(private readonly db: Kysely<DB>) {
    this.rollupRow = reusableQuery(db, (unitCode: string) =>
      db
        .selectFrom('household_coverage_rollup')
        .select(['communes', 'units_recorded', 'visited', 'with_account'])
        .where('ancestor_code', '=', unitCode),
    );
  }

  /** The unit's areas, by their folded name (code-point order, the same on every engine). */
  async areas(unitCode: string): Promise<AreaCoverage[]> {
    const rows = await this.db.selectFrom('household_coverage').select(AREA_COLUMNS).where('unit_code', '=', unitCode).execute();
    return rows.sort((a, b) => (a.area_key < b.area_key ? -1 : a.area_key > b.area_key ? 1 : 0)).map(toArea);
  }

  /** Saves an area's figures; returns what they were before (undefined for a new area). */
  async record(input: AreaEntry): Promise<AreaCoverage | undefined> {
    const key = foldDiacritics(input.areaName);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('household_coverage')
        .select(AREA_COLUMNS)
        .where('unit_code', '=', input.unitCode)
        .where('area_key', '=', key)
        .executeTakeFirst();
      await trx
        .insertInto('household_coverage')
        .values({
          unit_code: input.unitCode,
          area_key: key,
          area_name: input.areaName,
          visited: input.visited,
          with_account: input.withAccount,
          updated_at: input.at.toISOString(),
          updated_by: input.by,
        })
        .onConflict((oc) =>
          oc.columns(['unit_code', 'area_key']).doUpdateSet((eb) => ({
            visited: eb.ref('excluded.visited'),
            with_account: eb.ref('excluded.with_account'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .execute();
      return before ? toArea(before) : undefined;
    });
  }

  /** Sums over every commune beneath the unit (the unit itself included), from their roll-up (migration 014). */
  async totalsUnder(unitCode: string): Promise<CoverageTotals> {
    const sums = (await this.rollupRow(unitCode))[0];
    // /tiendo shows the communes beneath beside the recorded ones, only once something is recorded.
    if (!sums || Number(sums.units_recorded) === 0) return { visited: 0, withAccount: 0, communesRecorded: 0, communes: 0 };
    return {
      visited: Number(sums.visited),
      withAccount: Number(sums.with_account),
      communesRecorded: Number(sums.units_recorded),
      communes: Number(sums.communes),
    };
  }
}
