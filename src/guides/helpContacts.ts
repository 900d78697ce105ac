// The in-person help contacts of each commune, as the province filled them in.
import type { Db } from '../store/database.js';

export interface HelpContact {
  unitCode: string;
  deskName?: string;
  address?: string;
  phone?: string;
  officeHours?: string;
  teamContact?: string;
}

interface HelpContactRow {
  unit_code: string;
  desk_name: string | null;
  address: string | null;
  phone: string | null;
  office_hours: string | null;
  team_contact: string | null;
}

export function getHelpContact(db: Db, unitCode: string): HelpContact | undefined {
  const row = db
    .prepare('SELECT unit_code, desk_name, address, phone, office_hours, team_contact FROM help_contact WHERE unit_code = ?')
    .get(unitCode) as HelpContactRow | undefined;
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

export interface HelpContactWriteSummary {
  added: number;
  updated: number;
}

/** Replaces the contacts of the given communes, all in one transaction; others are kept. */
export function saveHelpContacts(db: Db, contacts: HelpContact[], at: Date): HelpContactWriteSummary {
  const exists = db.prepare('SELECT 1 FROM help_contact WHERE unit_code = ?');
  const upsert = db.prepare(
    `INSERT INTO help_contact (unit_code, desk_name, address, phone, office_hours, team_contact, updated_at)
     VALUES (@unitCode, @deskName, @address, @phone, @officeHours, @teamContact, @updatedAt)
     ON CONFLICT(unit_code) DO UPDATE SET desk_name = excluded.desk_name, address = excluded.address,
       phone = excluded.phone, office_hours = excluded.office_hours, team_contact = excluded.team_contact,
       updated_at = excluded.updated_at`,
  );
  const summary: HelpContactWriteSummary = { added: 0, updated: 0 };
  db.transaction(() => {
    for (const c of contacts) {
      if (exists.get(c.unitCode)) summary.updated++;
      else summary.added++;
      upsert.run({
        unitCode: c.unitCode,
        deskName: c.deskName ?? null,
        address: c.address ?? null,
        phone: c.phone ?? null,
        officeHours: c.officeHours ?? null,
        teamContact: c.teamContact ?? null,
        updatedAt: at.toISOString(),
      });
    }
  })();
  return summary;
}
