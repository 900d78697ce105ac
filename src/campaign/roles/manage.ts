// Who may invite officials (/moi) or withdraw their roles (/thuhoi), on which unit and with
// which role: where is decided by access.ts's `can` alone; which role, by the roles the
// person holds that reach the unit: never one above the highest of them.
import { foldDiacritics } from '../../bot/normalize.js';
import type { Translator } from '../../i18n/index.js';
import { can, type RelationOf, scopesFor } from '../access.js';
import type { Store } from '../../store/index.js';
import type { Unit } from '../units/types.js';
import { isRole, type PersonRole, type Role, ROLES } from './types.js';

export type ManageAction = 'official.invite' | 'official.withdraw';

/** Higher ranks may give and take the lower ones (and their own). */
const RANK: Record<Role, number> = { team_member: 1, team_leader: 2, reporter: 2, head: 3, compiler: 4, admin: 5 };

/** The word a person may type, and a button carries, for each role (diacritics and spaces optional). */
export const ROLE_WORDS: Record<Role, string> = {
  reporter: 'baocao',
  head: 'lanhdao',
  team_leader: 'totruong',
  team_member: 'thanhvien',
  compiler: 'tonghop',
  admin: 'quantri',
};

/** `baocao`, `báo cáo`, `reporter`… → the role, or undefined. */
export function roleFromWords(typed: string): Role | undefined {
  const word = foldDiacritics(typed).replace(/[\s-]+/g, '');
  if (isRole(word)) return word;
  if (word === 'teamleader') return 'team_leader';
  if (word === 'teammember') return 'team_member';
  return ROLES.find((role) => ROLE_WORDS[role] === word);
}

/** The roles among `roles` that let the person act on the unit. */
async function reachingRoles(
  roles: readonly PersonRole[],
  action: ManageAction,
  unitCode: string,
  relationOf: RelationOf,
): Promise<PersonRole[]> {
  const reaching: PersonRole[] = [];
  for (const r of roles) if (await can([r], action, unitCode, relationOf)) reaching.push(r);
  return reaching;
}

/** The roles this person may give or withdraw on this unit; empty when the unit is out of their reach. */
export async function manageableRoles(
  roles: readonly PersonRole[],
  action: ManageAction,
  unitCode: string,
  relationOf: RelationOf,
): Promise<Role[]> {
  const reaching = await reachingRoles(roles, action, unitCode, relationOf);
  if (reaching.length === 0) return [];
  const highest = Math.max(...reaching.map((r) => RANK[r.role]));
  return ROLES.filter((role) => RANK[role] <= highest);
}

/** True when the person may invite (or withdraw) on some unit. */
export function managesAnywhere(roles: readonly PersonRole[], action: ManageAction): boolean {
  const scopes = scopesFor(roles, action);
  return scopes === 'anywhere' || scopes.length > 0;
}

/** The units offered when the person did not name one: their own, or the province for province-wide roles. */
export async function startingUnits(
  store: Pick<Store, 'units'>,
  roles: readonly PersonRole[],
  action: ManageAction,
  relationOf: RelationOf,
): Promise<Unit[]> {
  const codes: string[] = [];
  for (const r of roles) {
    if (!(await can([r], action, r.unitCode, relationOf))) continue;
    const wide = r.role === 'compiler' || r.role === 'admin';
    const code = wide ? ((await store.units.ancestorCodes(r.unitCode))[0] ?? r.unitCode) : r.unitCode;
    if (!codes.includes(code)) codes.push(code);
  }
  const units: Unit[] = [];
  for (const code of codes) {
    const unit = await store.units.getUnit(code);
    if (unit) units.push(unit);
  }
  return units;
}

export type UnitLookup = { status: 'found'; unit: Unit } | { status: 'several'; units: Unit[] } | { status: 'notFound' };

const MATCH_LIMIT = 8;

/**
 * A unit typed by code or by name (diacritics optional), among those the person may act on:
 * one found, several to choose from (each named with its parent), or none. A unit out of
 * reach is "not found", so a refusal never names one.
 */
export async function findManagedUnit(
  store: Pick<Store, 'units'>,
  roles: readonly PersonRole[],
  action: ManageAction,
  typed: string,
  relationOf: RelationOf,
): Promise<UnitLookup> {
  const query = typed.trim();
  if (query === '') return { status: 'notFound' };
  const byCode = await store.units.getUnit(query.toUpperCase());
  if (byCode)
    return (await can(roles, action, byCode.code, relationOf)) ? { status: 'found', unit: byCode } : { status: 'notFound' };
  const scopes = scopesFor(roles, action);
  const found: Unit[] = [];
  if (scopes === 'anywhere') found.push(...(await store.units.findUnitsByName(query, { limit: MATCH_LIMIT })));
  else for (const under of scopes) found.push(...(await store.units.findUnitsByName(query, { under, limit: MATCH_LIMIT })));
  const units: Unit[] = [];
  for (const u of new Map(found.map((f) => [f.code, f])).values()) {
    if (units.length >= MATCH_LIMIT) break;
    if (await can(roles, action, u.code, relationOf)) units.push(u);
  }
  if (units.length === 0) return { status: 'notFound' };
  if (units.length === 1) return { status: 'found', unit: units[0]! };
  return { status: 'several', units };
}

/** "Xã An Hiệp (Huyện Ba Tri)": a name that tells apart units of the same name. */
export async function unitLabel(store: Pick<Store, 'units'>, tr: Translator, unit: Unit): Promise<string> {
  const parent = unit.parentCode ? await store.units.getUnit(unit.parentCode) : undefined;
  return parent ? tr.t('campaign:officials.unitLabel', { unit: unit.name, parent: parent.name }) : unit.name;
}

/** A role's name for a button: "Cán bộ báo cáo". */
export function roleButtonLabel(tr: Translator, role: Role): string {
  const name = tr.t(`campaign:roles.${role}`);
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}
