// Granting and removing one role row, on any executor (the store's, or an open transaction).
import type { Kysely } from 'kysely';
import type { Role } from '../../campaign/roles/types.js';
import type { DB } from '../schema.js';

/** Grants a role with the given executor; false when the person already held it. */
export async function grantRoleWith(db: Kysely<DB>, personId: number, unitCode: string, role: Role, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('person_role')
    .values({ person_id: personId, unit_code: unitCode, role, granted_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['person_id', 'unit_code', 'role']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Withdraws a role with the given executor; false when the person did not hold it. */
export async function revokeRoleWith(db: Kysely<DB>, personId: number, unitCode: string, role: Role): Promise<boolean> {
  const result = await db
    .deleteFrom('person_role')
    .where('person_id', '=', personId)
    .where('unit_code', '=', unitCode)
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
