// An administrative or organisational unit of the campaign: the province, a department,
// a district, a commune or a community team. The tree is data; any depth loads.
export const UNIT_KINDS = ['province', 'department', 'district', 'commune', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  /** Undefined for a root (a province). */
  parentCode?: string;
  /** The statistics office's code (GSO), when the unit has one. */
  officialCode?: string;
  /** YYYY-MM-DD, inclusive; undefined when open-ended. */
  validFrom?: string;
  validTo?: string;
  /** Units that carry this unit's history after a merger or reform. */
  successorCodes: string[];
}

/** A unit to save, with the links a units file gives it. */
export interface UnitWrite {
  unit: Unit;
  /** Codes of earlier units this one replaces (read from `predecessor_codes`). */
  predecessorCodes: string[];
}

/** What saving a units file changed. */
export interface UnitWriteSummary {
  added: number;
  updated: number;
  unchanged: number;
}
