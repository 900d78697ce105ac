// The one place that decides what a role may do on which unit. Every command that shows
// or changes a unit's data asks `can`; a new command adds its action to RULES.
import type { Db } from '../store/database.js';
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

export type RelationOf = (fromUnit: string, toUnit: string) => Relation;

export function can(
  roles: readonly Pick<PersonRole, 'role' | 'unitCode'>[],
  action: Action,
  target: string,
  relationOf: RelationOf,
): boolean {
  const rule = RULES[action] as Partial<Record<Role, Reach>>;
  return roles.some(({ role, unitCode }) => {
    const reach = rule[role];
    if (reach === undefined) return false;
    if (reach === 'anywhere') return true;
    return reach.includes(relationOf(unitCode, target));
  });
}

/** Relations read from the unit closure table. */
export function relationsFrom(db: Db): RelationOf {
  const depth = db.prepare('SELECT depth FROM unit_closure WHERE ancestor_code = ? AND descendant_code = ?');
  const parent = db.prepare('SELECT parent_code FROM unit WHERE code = ?');
  return (from, to) => {
    if (from === to) return 'own';
    const down = depth.get(from, to) as { depth: number } | undefined;
    if (down) return down.depth === 1 ? 'child' : 'descendant';
    const up = depth.get(to, from) as { depth: number } | undefined;
    if (up) return up.depth === 1 ? 'parent' : 'ancestor';
    const a = parent.get(from) as { parent_code: string | null } | undefined;
    const b = parent.get(to) as { parent_code: string | null } | undefined;
    if (a?.parent_code && a.parent_code === b?.parent_code) return 'sibling';
    return 'elsewhere';
  };
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
