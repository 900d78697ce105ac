// Household coverage: per hamlet or area of a commune, how many households the team has
// visited and how many of those have at least one person with an account (the plan's goal:
// every household). Counts only; a correction replaces the figures and is audited by the
// caller. The queries are in src/store/community/households.ts.

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

/** One area's figures as a team records them. */
export interface AreaEntry {
  unitCode: string;
  areaName: string;
  visited: number;
  withAccount: number;
  by: number;
  at: Date;
}
