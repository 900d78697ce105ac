// Household coverage: per hamlet or area of a commune, how many households the team has
// visited and how many of those have at least one person with an account (the plan's goal:
// every household). Counts only; a correction replaces the figures and is audited by the caller.
import { foldDiacritics } from '../bot/normalize.js';
import type { Db } from '../store/database.js';

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

  /** Sums over every commune beneath the unit (the unit itself included). */
  totalsUnder(unitCode: string): CoverageTotals {
    const sums = this.db
      .prepare(
        `SELECT COALESCE(SUM(h.visited), 0) AS visited, COALESCE(SUM(h.with_account), 0) AS with_account,
                COUNT(DISTINCT h.unit_code) AS recorded
         FROM household_coverage h JOIN unit_closure c ON c.descendant_code = h.unit_code
         WHERE c.ancestor_code = ?`,
      )
      .get(unitCode) as { visited: number; with_account: number; recorded: number };
    // The communes beneath are counted only when something was recorded: /tiendo shows the
    // count beside the recorded ones, and counting a country's 10.000 for nothing is not free.
    if (sums.recorded === 0) return { visited: 0, withAccount: 0, communesRecorded: 0, communes: 0 };
    const communes = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM unit u JOIN unit_closure c ON c.descendant_code = u.code
         WHERE c.ancestor_code = ? AND u.kind = 'commune'`,
      )
      .get(unitCode) as { n: number };
    return { visited: sums.visited, withAccount: sums.with_account, communesRecorded: sums.recorded, communes: communes.n };
  }
}
