// The community teams' duty roster, and who holds a team role at a unit and above it.
import { type Kysely, sql } from 'kysely';
import type { TeamMember, UnitTeam } from '../../community/roster.js';
import type { DB } from '../schema.js';

const TEAM_ROLES = [sql.lit('team_member'), sql.lit('team_leader')];

interface HolderRow {
  person_id: number;
  role: string;
  on_duty: number | null;
}

/** One person per holder, leaders first, then by id; on duty only with a team role and a duty row. */
function teamOf(rows: readonly HolderRow[]): TeamMember[] {
  const byPerson = new Map<number, TeamMember>();
  for (const r of rows) {
    if (r.role !== 'team_member' && r.role !== 'team_leader') continue;
    const m = byPerson.get(r.person_id) ?? { personId: r.person_id, role: 'team_member', onDuty: false };
    if (r.role === 'team_leader') m.role = 'team_leader';
    if (r.on_duty !== null) m.onDuty = true;
    byPerson.set(r.person_id, m);
  }
  return [...byPerson.values()].sort(
    (a, b) => Number(b.role === 'team_leader') - Number(a.role === 'team_leader') || a.personId - b.personId,
  );
}

const ids = (rows: readonly HolderRow[], role: string): number[] =>
  [...new Set(rows.filter((r) => r.role === role).map((r) => r.person_id))].sort((a, b) => a - b);

/** The duty roster of each unit's community team. */
export class TeamRosterRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Everyone holding a team role on the unit, leaders first, with whether they are on duty. */
  async members(unitCode: string): Promise<TeamMember[]> {
    const rows = await this.db
      .selectFrom('person_role as r')
      .leftJoin('team_duty as d', (join) =>
        join.onRef('d.unit_code', '=', 'r.unit_code').onRef('d.person_id', '=', 'r.person_id'),
      )
      .select(['r.person_id', 'r.role', 'd.person_id as on_duty'])
      .where('r.unit_code', '=', unitCode)
      .where('r.role', 'in', TEAM_ROLES)
      .execute();
    return teamOf(rows);
  }

  async onDuty(unitCode: string): Promise<number[]> {
    return (await this.members(unitCode)).filter((m) => m.onDuty).map((m) => m.personId);
  }

  /** Puts a team member on or off duty; false when the person is not on this unit's team. */
  async setDuty(unitCode: string, personId: number, onDuty: boolean, setBy: number, at: Date): Promise<boolean> {
    if (!(await this.members(unitCode)).some((m) => m.personId === personId)) return false;
    if (onDuty)
      await this.db
        .insertInto('team_duty')
        .values({ unit_code: unitCode, person_id: personId, set_by: setBy, since: at.toISOString() })
        .onConflict((oc) => oc.columns(['unit_code', 'person_id']).doNothing())
        .execute();
    else await this.db.deleteFrom('team_duty').where('unit_code', '=', unitCode).where('person_id', '=', personId).execute();
    return true;
  }

  /**
   * The team (on duty, leaders) and heads of the unit and of every unit above it, nearest
   * first, in one query; units where nobody holds such a role are left out.
   */
  async teamsUp(unitCode: string): Promise<UnitTeam[]> {
    const rows = await this.db
      .selectFrom('unit_closure as c')
      .innerJoin('person_role as r', 'r.unit_code', 'c.ancestor_code')
      .leftJoin('team_duty as d', (join) =>
        join.onRef('d.unit_code', '=', 'r.unit_code').onRef('d.person_id', '=', 'r.person_id'),
      )
      .select(['c.depth', 'c.ancestor_code', 'r.person_id', 'r.role', 'd.person_id as on_duty'])
      .where('c.descendant_code', '=', unitCode)
      .where('r.role', 'in', [...TEAM_ROLES, sql.lit('head')])
      .execute();
    const byDepth = new Map<number, { unitCode: string; rows: HolderRow[] }>();
    for (const r of rows) {
      const level = byDepth.get(r.depth) ?? { unitCode: r.ancestor_code, rows: [] };
      level.rows.push(r);
      byDepth.set(r.depth, level);
    }
    return [...byDepth.entries()]
      .sort(([a], [b]) => a - b)
      .map(([depth, level]) => ({
        depth,
        unitCode: level.unitCode,
        onDuty: teamOf(level.rows)
          .filter((m) => m.onDuty)
          .map((m) => m.personId),
        leaders: ids(level.rows, 'team_leader'),
        heads: ids(level.rows, 'head'),
      }));
  }
}
