// Who is told about a citizen's request, in order: the commune team's members on duty, then
// its team leaders, then the nearest level above that has anyone (its team on duty and
// leaders, else its heads). Each group leaves out people already in an earlier one.
import type { Db } from '../store/database.js';
import { TeamRoster } from './roster.js';

function holders(db: Db, unitCode: string, role: string): number[] {
  return (
    db.prepare('SELECT person_id FROM person_role WHERE unit_code = ? AND role = ? ORDER BY person_id').all(unitCode, role) as {
      person_id: number;
    }[]
  ).map((r) => r.person_id);
}

function ancestorsNearestFirst(db: Db, unitCode: string): string[] {
  return (
    db.prepare('SELECT ancestor_code FROM unit_closure WHERE descendant_code = ? AND depth > 0 ORDER BY depth').all(unitCode) as {
      ancestor_code: string;
    }[]
  ).map((r) => r.ancestor_code);
}

/** The groups to tell, first to last; empty groups are dropped. */
export function escalationChain(db: Db, unitCode: string): number[][] {
  const roster = new TeamRoster(db);
  const groups: number[][] = [roster.onDuty(unitCode), holders(db, unitCode, 'team_leader')];
  for (const above of ancestorsNearestFirst(db, unitCode)) {
    const team = [...new Set([...roster.onDuty(above), ...holders(db, above, 'team_leader')])];
    const group = team.length > 0 ? team : holders(db, above, 'head');
    if (group.length > 0) {
      groups.push(group);
      break;
    }
  }
  const seen = new Set<number>();
  return groups.map((group) => group.filter((id) => !seen.has(id) && (seen.add(id), true))).filter((group) => group.length > 0);
}
