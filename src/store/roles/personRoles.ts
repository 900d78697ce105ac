// Roles held by persons on units.
import type { Kysely, Selectable } from 'kysely';
import type { Official } from '../../campaign/reminders/planner.js';
import type { PersonRole, Role } from '../../campaign/roles/types.js';
import type { HeldRole, InviteHolder } from '../../campaign/roles/withdraw.js';
import type { Unit } from '../../campaign/units/types.js';
import { campaignOfficials, campaignUnits, rolesUnder } from '../reminders/officials.js';
import type { DB, PersonRole as PersonRoleRow } from '../schema.js';
import { isStoredId } from './storedId.js';
import { byTextKeys } from './textOrder.js';
import { reusableQuery } from '../reusableQuery.js';
import { grantRoleWith, revokeRoleWith } from './roleRows.js';
import { holderOfInviteIn, withdrawRoleIn } from './withdraw.js';

const fromRow = (r: Selectable<PersonRoleRow>): PersonRole => ({
  personId: r.person_id,
  unitCode: r.unit_code,
  role: r.role as Role,
  grantedAt: r.granted_at,
});

/** Who holds which role on which unit; withdrawals; the roles and units within a campaign's tree. */
export class KyselyRoleRepository {
  /** Asked by every official's command and dashboard page: compiled once. */
  private readonly rolesOfPerson;

  constructor(private readonly db: Kysely<DB>) {
    this.rolesOfPerson = reusableQuery(db, (personId: number) =>
      db.selectFrom('person_role').selectAll().where('person_id', '=', personId),
    );
  }

  /** Grants a role; returns false when the person already held it. */
  grantRole(personId: number, unitCode: string, role: Role, at: Date): Promise<boolean> {
    return grantRoleWith(this.db, personId, unitCode, role, at);
  }

  /** Removes a role, without audit (see withdrawRole); false when it was not held. */
  revokeRole(personId: number, unitCode: string, role: Role): Promise<boolean> {
    return revokeRoleWith(this.db, personId, unitCode, role);
  }

  /** The person's roles, oldest first. */
  async rolesOf(personId: number): Promise<PersonRole[]> {
    const rows = await this.rolesOfPerson(personId);
    return rows.map(fromRow).sort(
      byTextKeys(
        (r) => r.grantedAt,
        (r) => r.unitCode,
        (r) => r.role,
      ),
    );
  }

  /** The roles held on one unit, by role then person. */
  async officialsOf(unitCode: string): Promise<PersonRole[]> {
    const rows = await this.db.selectFrom('person_role').selectAll().where('unit_code', '=', unitCode).execute();
    return rows.map(fromRow).sort(
      byTextKeys(
        (r) => r.role,
        (r) => r.personId,
      ),
    );
  }

  /** Whether a person row with this id exists (not erased). */
  async personExists(personId: number): Promise<boolean> {
    if (!isStoredId(personId)) return false;
    const row = await this.db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
    return row !== undefined;
  }

  /** False when the person did not hold that role on that unit. `actorId`: who withdrew it in a chat (none at the command line). */
  withdrawRole(held: HeldRole, now: Date, actorId: number | null = null): Promise<boolean> {
    return withdrawRoleIn(this.db, held, now, actorId);
  }

  /** Who an invitation (by id or code) made an official, and of what. */
  holderOfInvite(idOrCode: string): Promise<InviteHolder> {
    return holderOfInviteIn(this.db, idOrCode);
  }

  /** Roles held within the tree of `rootCode`, by person (all persons, or just one). */
  rolesUnder(rootCode: string, personId?: number): Promise<Map<number, Official['roles'][number][]>> {
    return rolesUnder(this.db, rootCode, personId);
  }

  /** The campaign's root and every unit below it. */
  campaignUnits(rootCode: string): Promise<Unit[]> {
    return campaignUnits(this.db, rootCode);
  }

  /** Every person holding a role within the tree of `rootCode`, with their language and reachable chats. */
  campaignOfficials(rootCode: string): Promise<Official[]> {
    return campaignOfficials(this.db, rootCode);
  }
}
