// The in-person help contacts of each commune, as the province filled them in.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { HelpContact, HelpContactWriteSummary } from '../../guides/helpContacts.js';

/** Rows per statement when saving: a province's communes, in a few statements. */
const CHUNK = 500;

/** The help contacts of the communes: read one, replace many in one transaction. */
export class HelpContactRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async getHelpContact(unitCode: string): Promise<HelpContact | undefined> {
    const row = await this.db
      .selectFrom('help_contact')
      .select(['unit_code', 'desk_name', 'address', 'phone', 'office_hours', 'team_contact'])
      .where('unit_code', '=', unitCode)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      unitCode: row.unit_code,
      ...(row.desk_name ? { deskName: row.desk_name } : {}),
      ...(row.address ? { address: row.address } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.office_hours ? { officeHours: row.office_hours } : {}),
      ...(row.team_contact ? { teamContact: row.team_contact } : {}),
    };
  }

  /** Replaces the contacts of the given communes, all in one transaction; others are kept. */
  async saveHelpContacts(contacts: HelpContact[], at: Date): Promise<HelpContactWriteSummary> {
    const updatedAt = at.toISOString();
    // A file names each commune once; should it not, the last row wins, as it did row by row
    // (and PostgreSQL refuses one statement that upserts a key twice).
    const byCode = new Map(contacts.map((c) => [c.unitCode, c]));
    const unique = [...byCode.values()];
    return this.db.transaction().execute(async (trx) => {
      let existed = 0;
      for (let i = 0; i < unique.length; i += CHUNK) {
        const chunk = unique.slice(i, i + CHUNK);
        const existing = await trx
          .selectFrom('help_contact')
          .select('unit_code')
          .where(
            'unit_code',
            'in',
            chunk.map((c) => c.unitCode),
          )
          .execute();
        existed += existing.length;
        await trx
          .insertInto('help_contact')
          .values(
            chunk.map((c) => ({
              unit_code: c.unitCode,
              desk_name: c.deskName ?? null,
              address: c.address ?? null,
              phone: c.phone ?? null,
              office_hours: c.officeHours ?? null,
              team_contact: c.teamContact ?? null,
              updated_at: updatedAt,
            })),
          )
          .onConflict((oc) =>
            oc.column('unit_code').doUpdateSet((eb) => ({
              desk_name: eb.ref('excluded.desk_name'),
              address: eb.ref('excluded.address'),
              phone: eb.ref('excluded.phone'),
              office_hours: eb.ref('excluded.office_hours'),
              team_contact: eb.ref('excluded.team_contact'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      // A repeated commune counts as updated, as the second write of a row always did.
      const added = unique.length - existed;
      return { added, updated: contacts.length - added };
    });
  }
}
