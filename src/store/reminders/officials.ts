// A campaign's tree, the roles held in it, and who holds them, as the reminders read them.
import type { Kysely } from 'kysely';
import type { ChannelName } from '../../bot/types.js';
import type { Official } from '../../campaign/reminders/planner.js';
import { isLocale } from '../../i18n/format.js';
import { isRole } from '../../campaign/roles/types.js';
import type { Unit } from '../../campaign/units/types.js';
import { unitFrom } from '../units/unitRows.js';
import type { DB } from '../schema.js';
import { byTextKeys } from '../roles/textOrder.js';

/** The campaign's root and every unit below it, each with its successors. */
export async function campaignUnits(db: Kysely<DB>, rootCode: string): Promise<Unit[]> {
  const rows = await db
    .selectFrom('unit_closure as c')
    .innerJoin('unit as u', 'u.code', 'c.descendant_code')
    .where('c.ancestor_code', '=', rootCode)
    .select(['u.code', 'u.name', 'u.kind', 'u.parent_code', 'u.official_code', 'u.valid_from', 'u.valid_to'])
    .orderBy('u.code')
    .execute();
  const successions = await db
    .selectFrom('unit_succession as s')
    .innerJoin('unit_closure as c', 'c.descendant_code', 's.predecessor_code')
    .where('c.ancestor_code', '=', rootCode)
    .select(['s.predecessor_code', 's.successor_code'])
    .execute();
  const successors = new Map<string, string[]>();
  for (const s of successions)
    successors.set(s.predecessor_code, [...(successors.get(s.predecessor_code) ?? []), s.successor_code]);
  return rows.map((row) => unitFrom(row, successors.get(row.code) ?? []));
}

/** Roles held within the tree of `rootCode`, by person (all persons, or just one). */
export async function rolesUnder(
  db: Kysely<DB>,
  rootCode: string,
  personId?: number,
): Promise<Map<number, Official['roles'][number][]>> {
  const rows = await db
    .selectFrom('person_role as pr')
    .innerJoin('unit_closure as c', (join) =>
      join.onRef('c.descendant_code', '=', 'pr.unit_code').on('c.ancestor_code', '=', rootCode),
    )
    .$if(personId !== undefined, (qb) => qb.where('pr.person_id', '=', personId!))
    .select(['pr.person_id', 'pr.unit_code', 'pr.role'])
    .execute();
  rows.sort(
    byTextKeys(
      (r) => r.person_id,
      (r) => r.unit_code,
      (r) => r.role,
    ),
  );
  const byPerson = new Map<number, Official['roles'][number][]>();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), { unitCode: row.unit_code, role: row.role }]);
  }
  return byPerson;
}

/**
 * Every person holding a role within the tree of `rootCode`: their roles, their language and
 * the chat identities that can still reach them. Two reads for the whole campaign, whatever
 * the number of officials (the scheduler asks every minute something is due).
 */
export async function campaignOfficials(db: Kysely<DB>, rootCode: string): Promise<Official[]> {
  const roles = await rolesUnder(db, rootCode);
  if (roles.size === 0) return [];
  const rows = await db
    .selectFrom('person as p')
    // An identity that can no longer be reached is left out; the person stays (with none).
    .leftJoin('channel_identity as ci', (join) =>
      join
        .onRef('ci.person_id', '=', 'p.id')
        .on((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('channel_unreachable as u')
                .select('u.since')
                .whereRef('u.channel', '=', 'ci.channel')
                .whereRef('u.external_id', '=', 'ci.external_id'),
            ),
          ),
        ),
    )
    .where('p.id', 'in', (eb) =>
      eb
        .selectFrom('person_role as pr')
        .innerJoin('unit_closure as c', 'c.descendant_code', 'pr.unit_code')
        .where('c.ancestor_code', '=', rootCode)
        .select('pr.person_id'),
    )
    .select(['p.id', 'p.locale', 'ci.channel', 'ci.external_id', 'ci.created_at'])
    .execute();
  // Each person's identities oldest first, as the persons repository lists them.
  rows.sort(
    byTextKeys(
      (r) => r.id,
      (r) => r.created_at ?? '',
      (r) => r.channel ?? '',
      (r) => r.external_id ?? '',
    ),
  );
  const byPerson = new Map<number, Official & { identities: Official['identities'][number][] }>();
  for (const row of rows) {
    const personRoles = roles.get(row.id);
    if (!personRoles) continue;
    let official = byPerson.get(row.id);
    if (!official) {
      official = { personId: row.id, locale: isLocale(row.locale) ? row.locale : 'vi', roles: personRoles, identities: [] };
      byPerson.set(row.id, official);
    }
    if (row.channel !== null && row.external_id !== null)
      official.identities.push({ channel: row.channel as ChannelName, externalId: row.external_id });
  }
  // In the order of the roles (by person), as the planner has always received them.
  return [...roles.keys()].flatMap((personId) => byPerson.get(personId) ?? []);
}
