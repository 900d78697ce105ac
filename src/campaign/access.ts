// The one place that decides what a role may do on which unit. Every command that shows
// or changes a unit's data asks `can`; a new command adds its action to RULES.
import type { PersonRole, Role } from './roles/types.js';

/** Where a target unit lies, seen from the unit a role is held on. */
export type Relation = 'own' | 'child' | 'descendant' | 'parent' | 'ancestor' | 'sibling' | 'elsewhere';

type Reach = readonly Relation[] | 'anywhere';

const OWN_AND_BELOW: readonly Relation[] = ['own', 'child', 'descendant'];

/** For each action, where each role may do it; a role not listed may not. */
export const RULES = {
  /** /tiendo: see a unit's figures and the units below it. */
  'progress.view': {
    reporter: OWN_AND_BELOW,
    head: OWN_AND_BELOW,
    team_leader: OWN_AND_BELOW,
    team_member: OWN_AND_BELOW,
    compiler: 'anywhere',
    admin: 'anywhere',
  },
  /** File a unit's weekly report. */
  'report.file': { reporter: ['own'], head: ['own'] },
  /** Compile the reports of the units below (a district its communes; the compiler the province). */
  'report.compile': { head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
  /** /tonghop: see which units below have reported, with totals and difficulties. */
  'report.status': { reporter: OWN_AND_BELOW, head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
  /** Remind the units below that have not reported (one message per unit, person and day). */
  'report.remind': { reporter: OWN_AND_BELOW, head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
  /** Download the compiled report as an Excel file. */
  'report.export': { head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
  /** Record the households a community team helped. */
  'team.record': { team_leader: ['own'], team_member: ['own'], head: OWN_AND_BELOW, admin: 'anywhere' },
  /** Set which team members are on duty to answer citizens who ask for a person. */
  'team.roster': { team_leader: ['own'], head: OWN_AND_BELOW, admin: 'anywhere' },
  /** See the open requests of citizens who asked for a person, and take one to answer it. */
  'handoff.take': { team_member: OWN_AND_BELOW, team_leader: OWN_AND_BELOW, head: OWN_AND_BELOW, admin: 'anywhere' },
  /** Send the week's statistics export to the bot as a file: it may hold any unit, so only province-wide roles. */
  'statistics.import': { compiler: 'anywhere', admin: 'anywhere' },
  /** /moi: invite an official to a unit (with a role no higher than one's own, see roles/manage.ts). */
  'official.invite': { head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
  /** /thuhoi: withdraw an official's role on a unit (a role no higher than one's own). */
  'official.withdraw': { head: OWN_AND_BELOW, compiler: 'anywhere', admin: 'anywhere' },
} as const satisfies Record<string, Partial<Record<Role, Reach>>>;

export type Action = keyof typeof RULES;

/** How one unit stands to another; the store answers it (`store.units.relationOf`). */
export type RelationOf = (fromUnit: string, toUnit: string) => Promise<Relation>;

/** Whether any of the roles may do the action on the target unit. */
export async function can(
  roles: readonly Pick<PersonRole, 'role' | 'unitCode'>[],
  action: Action,
  target: string,
  relationOf: RelationOf,
): Promise<boolean> {
  const rule = RULES[action] as Partial<Record<Role, Reach>>;
  // A role that reaches anywhere decides without asking the tree.
  if (roles.some(({ role }) => rule[role] === 'anywhere')) return true;
  const asked = new Map<string, Relation>();
  for (const { role, unitCode } of roles) {
    const reach = rule[role];
    if (reach === undefined || reach === 'anywhere') continue;
    let relation = asked.get(unitCode);
    if (relation === undefined) asked.set(unitCode, (relation = await relationOf(unitCode, target)));
    if (reach.includes(relation)) return true;
  }
  return false;
}

/** The units from which a role reaches others by this action ('anywhere' for all units). */
export function scopesFor(roles: readonly Pick<PersonRole, 'role' | 'unitCode'>[], action: Action): 'anywhere' | string[] {
  const rule = RULES[action] as Partial<Record<Role, Reach>>;
  const units: string[] = [];
  for (const { role, unitCode } of roles) {
    const reach = rule[role];
    if (reach === 'anywhere') return 'anywhere';
    if (reach !== undefined && !units.includes(unitCode)) units.push(unitCode);
  }
  return units;
}
