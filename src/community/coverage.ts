// Household coverage: per hamlet or area of a commune, how many households the team has
// visited and how many of those have at least one person with an account (the plan's goal:
// every household). Counts only; a correction replaces the figures and is audited by the caller.
import { foldDiacritics } from '../bot/normalize.js';
import type { Db } from '../store/database.js';
import { statement } from '../store/statements.js';

export interface AreaCoverage {
  areaName: string;
  visited: number;
  withAccount: number;
  updatedAt: string;
}

export interface CoverageTotals {
  visited: number;
  withAccount: number;
  /** Communes (under the unit) with at least one area recorded, and communes in all (left 0 while none is recorded). */
  communesRecorded: number;
  communes: number;
}

export class HouseholdCoverage {
  constructor(private readonly db: Db) {}

  areas(unitCode: string): AreaCoverage[] {
    return (
      this.db
        .prepare(
          'SELECT area_name, visited, with_account, updated_at FROM household_coverage WHERE unit_code = ? ORDER BY area_key',
        )
        .all(unitCode) as { area_name: string; visited: number; with_account: number; updated_at: string }[]
    ).map((r) => ({ areaName: r.area_name, visited: r.visited, withAccount: r.with_account, updatedAt: r.updated_at }));
  }

  /** Saves an area's figures; returns what they were before (undefined for a new area). */
  record(input: {
    unitCode: string;
    areaName: string;
    visited: number;
    withAccount: number;
    by: number;
    at: Date;
  }): AreaCoverage | undefined {
    const key = foldDiacritics(input.areaName);
    return this.db.transaction(() => {
      const before = this.db
        .prepare(
          'SELECT area_name, visited, with_account, updated_at FROM household_coverage WHERE unit_code = ? AND area_key = ?',
        )
        .get(input.unitCode, key) as { area_name: string; visited: number; with_account: number; updated_at: string } | undefined;
      this.db
        .prepare(
          `INSERT INTO household_coverage (unit_code, area_key, area_name, visited, with_account, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(unit_code, area_key) DO UPDATE SET visited = excluded.visited, with_account = excluded.with_account,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(input.unitCode, key, input.areaName, input.visited, input.withAccount, input.at.toISOString(), input.by);
      return before
        ? { areaName: before.area_name, visited: before.visited, withAccount: before.with_account, updatedAt: before.updated_at }
        : undefined;
    })();
  }

  /** Sums over every commune beneath the unit (the unit itself included), from their roll-up (migration 014). */
  totalsUnder(unitCode: string): CoverageTotals {
    const sums = statement(
      this.db,
      'SELECT communes, units_recorded, visited, with_account FROM household_coverage_rollup WHERE ancestor_code = ?',
    ).get(unitCode) as { communes: number; units_recorded: number; visited: number; with_account: number } | undefined;
    // /tiendo shows the communes beneath beside the recorded ones, only once something is recorded.
    if (!sums || sums.units_recorded === 0) return { visited: 0, withAccount: 0, communesRecorded: 0, communes: 0 };
    return {
      visited: sums.visited,
      withAccount: sums.with_account,
      communesRecorded: sums.units_recorded,
      communes: sums.communes,
    };
  }
}
