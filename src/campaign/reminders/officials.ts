// Who may be reminded in a campaign: every person holding a role on a unit of its tree,
// in their language, on each channel that can still reach them.
import type { Db } from '../../store/database.js';
import type { Store } from '../../store/index.js';
import { isRole } from '../roles/types.js';
import { UNIT_COLUMNS, unitFromRow } from '../units/repository.js';
import type { Unit } from '../units/types.js';
import type { Official } from './planner.js';

interface HeldRoleRow {
  person_id: number;
  unit_code: string;
  role: string;
}

/** The campaign's root and every unit below it. */
export function campaignUnits(db: Db, rootCode: string): Unit[] {
  return (
    db
      .prepare(`SELECT ${UNIT_COLUMNS} FROM unit_closure c JOIN unit u ON u.code = c.descendant_code WHERE c.ancestor_code = ?`)
      .all(rootCode) as Parameters<typeof unitFromRow>[0][]
  ).map(unitFromRow);
}

/** Roles held within the tree of `rootCode`, by person (all persons, or just one). */
export function rolesUnder(db: Db, rootCode: string, personId?: number): Map<number, Official['roles'][number][]> {
  const rows = db
    .prepare(
      `SELECT pr.person_id, pr.unit_code, pr.role FROM person_role pr
         JOIN unit_closure c ON c.descendant_code = pr.unit_code AND c.ancestor_code = ?
       WHERE (? IS NULL OR pr.person_id = ?) ORDER BY pr.person_id, pr.unit_code, pr.role`,
    )
    .all(rootCode, personId ?? null, personId ?? null) as HeldRoleRow[];
  const byPerson = new Map<number, Official['roles'][number][]>();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), { unitCode: row.unit_code, role: row.role }]);
  }
  return byPerson;
}

export function campaignOfficials(store: Pick<Store, 'db' | 'persons' | 'outbox'>, rootCode: string): Official[] {
  const officials: Official[] = [];
  for (const [personId, roles] of rolesUnder(store.db, rootCode)) {
    const person = store.persons.get(personId);
    if (!person) continue;
    const identities = store.persons.identities(personId).filter((i) => !store.outbox.isUnreachable(i.channel, i.externalId));
    officials.push({ personId, locale: person.locale, roles, identities });
  }
  return officials;
}
