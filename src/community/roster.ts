// The team's duty roster: which members of a unit's community team answer citizens who ask
// for a person right now. Set by the team leader; a member who loses their role drops off.
// The queries are in src/store/community/roster.ts.

export interface TeamMember {
  personId: number;
  role: 'team_member' | 'team_leader';
  onDuty: boolean;
}

/** Who may be told about a request at one unit (the unit itself or one above it). */
export interface UnitTeam {
  /** 0 for the unit itself, 1 for its parent, … */
  depth: number;
  unitCode: string;
  /** Team members and leaders on duty, leaders first, each by id. */
  onDuty: number[];
  leaders: number[];
  heads: number[];
}
