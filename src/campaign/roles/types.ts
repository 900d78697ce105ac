// What an official is to a unit. A person may hold several roles, on several units.
import type { UnitKind } from '../units/types.js';

export const ROLES = ['reporter', 'head', 'team_leader', 'team_member', 'compiler', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The compiler and administrators reach the whole province whatever unit they hold the role
 * on, so the role is given only where that is what the unit does: the province itself or a
 * department. Given on a commune, it would quietly open the province to a commune official.
 */
const PROVINCE_WIDE: Partial<Record<Role, readonly UnitKind[]>> = {
  compiler: ['province', 'department'],
  admin: ['province', 'department'],
};

/** Whether the role may be held on a unit of this kind. */
export function roleFitsUnit(role: Role, kind: UnitKind): boolean {
  return PROVINCE_WIDE[role]?.includes(kind) ?? true;
}

export interface PersonRole {
  personId: number;
  unitCode: string;
  role: Role;
  grantedAt: string;
}
