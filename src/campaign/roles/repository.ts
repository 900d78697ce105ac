// Roles held by persons on units.
import type { Db } from '../../store/database.js';
import type { PersonRole, Role } from './types.js';

interface RoleRow {
  person_id: number;
  unit_code: string;
  role: Role;
  granted_at: string;
}

const fromRow = (r: RoleRow): PersonRole => ({
  personId: r.person_id,
  unitCode: r.unit_code,
  role: r.role,
  grantedAt: r.granted_at,
});

/** Grants a role; returns false when the person already held it. */
export function grantRole(db: Db, personId: number, unitCode: string, role: Role, at: Date): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO person_role (person_id, unit_code, role, granted_at) VALUES (?, ?, ?, ?)')
    .run(personId, unitCode, role, at.toISOString());
  return result.changes > 0;
}

export function revokeRole(db: Db, personId: number, unitCode: string, role: Role): boolean {
  return (
    db.prepare('DELETE FROM person_role WHERE person_id = ? AND unit_code = ? AND role = ?').run(personId, unitCode, role)
      .changes > 0
  );
}

export function rolesOf(db: Db, personId: number): PersonRole[] {
  return (
    db.prepare('SELECT * FROM person_role WHERE person_id = ? ORDER BY granted_at, unit_code, role').all(personId) as RoleRow[]
  ).map(fromRow);
}

export function officialsOf(db: Db, unitCode: string): PersonRole[] {
  return (db.prepare('SELECT * FROM person_role WHERE unit_code = ? ORDER BY role, person_id').all(unitCode) as RoleRow[]).map(
    fromRow,
  );
}
