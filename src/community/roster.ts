// The team's duty roster: which members of a unit's community team answer citizens who ask
// for a person right now. Set by the team leader; a member who loses their role drops off.
import type { Db } from '../store/database.js';

export interface TeamMember {
  personId: number;
  role: 'team_member' | 'team_leader';
  onDuty: boolean;
}

export class TeamRoster {
  constructor(private readonly db: Db) {}

  /** Everyone holding a team role on the unit, leaders first, with whether they are on duty. */
  members(unitCode: string): TeamMember[] {
    const rows = this.db
      .prepare(
        `SELECT r.person_id, MAX(r.role = 'team_leader') AS leader,
                EXISTS (SELECT 1 FROM team_duty d WHERE d.unit_code = r.unit_code AND d.person_id = r.person_id) AS on_duty
         FROM person_role r WHERE r.unit_code = ? AND r.role IN ('team_member', 'team_leader')
         GROUP BY r.person_id ORDER BY leader DESC, r.person_id`,
      )
      .all(unitCode) as { person_id: number; leader: number; on_duty: number }[];
    return rows.map((r) => ({ personId: r.person_id, role: r.leader ? 'team_leader' : 'team_member', onDuty: r.on_duty === 1 }));
  }

  onDuty(unitCode: string): number[] {
    return this.members(unitCode)
      .filter((m) => m.onDuty)
      .map((m) => m.personId);
  }

  /** Puts a team member on or off duty; false when the person is not on this unit's team. */
  setDuty(unitCode: string, personId: number, onDuty: boolean, setBy: number, at: Date): boolean {
    if (!this.members(unitCode).some((m) => m.personId === personId)) return false;
    if (onDuty)
      this.db
        .prepare('INSERT OR IGNORE INTO team_duty (unit_code, person_id, set_by, since) VALUES (?, ?, ?, ?)')
        .run(unitCode, personId, setBy, at.toISOString());
    else this.db.prepare('DELETE FROM team_duty WHERE unit_code = ? AND person_id = ?').run(unitCode, personId);
    return true;
  }
}
