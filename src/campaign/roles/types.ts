// What an official is to a unit. A person may hold several roles, on several units.
export const ROLES = ['reporter', 'head', 'team_leader', 'team_member', 'compiler', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface PersonRole {
  personId: number;
  unitCode: string;
  role: Role;
  grantedAt: string;
}
