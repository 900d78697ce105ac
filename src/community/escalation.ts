// Who is told about a citizen's request, in order: the commune team's members on duty, then
// its team leaders, then the nearest level above that has anyone (its team on duty and
// leaders, else its heads). Each group leaves out people already in an earlier one.
import type { Store } from '../store/index.js';
import type { UnitTeam } from './roster.js';

/** The groups to tell, first to last, from the teams of the unit and above it (nearest first); empty groups are dropped. */
export function chainOfTeams(teams: readonly UnitTeam[]): number[][] {
  const own = teams.find((t) => t.depth === 0);
  const groups: number[][] = [own?.onDuty ?? [], own?.leaders ?? []];
  for (const above of teams.filter((t) => t.depth > 0).sort((a, b) => a.depth - b.depth)) {
    const team = [...new Set([...above.onDuty, ...above.leaders])];
    const group = team.length > 0 ? team : above.heads;
    if (group.length > 0) {
      groups.push(group);
      break;
    }
  }
  const seen = new Set<number>();
  return groups.map((group) => group.filter((id) => !seen.has(id) && (seen.add(id), true))).filter((group) => group.length > 0);
}

/** The groups to tell about a request at the unit, first to last. */
export async function escalationChain(store: Pick<Store, 'roster'>, unitCode: string): Promise<number[][]> {
  return chainOfTeams(await store.roster.teamsUp(unitCode));
}
