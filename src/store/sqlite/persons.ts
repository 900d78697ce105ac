import type { Db } from '../database.js';
import type { ChannelIdentity, Person, PersonRepository } from '../repositories.js';
import { type Locale, isLocale } from '../../i18n/format.js';
import type { ChannelName } from '../../bot/types.js';

interface PersonRow {
  id: number;
  locale: string;
  created_at: string;
  noticed_at: string | null;
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    locale: isLocale(row.locale) ? row.locale : 'vi',
    createdAt: row.created_at,
    noticed: row.noticed_at !== null,
  };
}

/** People and the chat identities they use, looked up without creating anyone unless asked. */
export class SqlitePersonRepository implements PersonRepository {
  private readonly byIdentity;
  private readonly byId;
  private readonly insertPerson;
  private readonly insertIdentity;
  private readonly updateLocale;
  private readonly listIdentities;
  private readonly markWarned;
  private readonly setNoticed;

  constructor(private readonly db: Db) {
    this.byIdentity = db.prepare<[string, string], PersonRow>(
      `SELECT p.id, p.locale, p.created_at, p.noticed_at FROM channel_identity ci JOIN person p ON p.id = ci.person_id
       WHERE ci.channel = ? AND ci.external_id = ?`,
    );
    this.byId = db.prepare<[number], PersonRow>('SELECT id, locale, created_at, noticed_at FROM person WHERE id = ?');
    this.insertPerson = db.prepare<[string], PersonRow>(
      'INSERT INTO person (locale) VALUES (?) RETURNING id, locale, created_at, noticed_at',
    );
    this.insertIdentity = db.prepare('INSERT OR IGNORE INTO channel_identity (channel, external_id, person_id) VALUES (?, ?, ?)');
    this.updateLocale = db.prepare('UPDATE person SET locale = ? WHERE id = ?');
    this.markWarned = db.prepare(
      `UPDATE person SET warned_personal_data_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ? AND warned_personal_data_at IS NULL`,
    );
    this.setNoticed = db.prepare(
      `UPDATE person SET noticed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND noticed_at IS NULL`,
    );
    this.listIdentities = db.prepare<[number], { channel: string; external_id: string }>(
      'SELECT channel, external_id FROM channel_identity WHERE person_id = ? ORDER BY created_at',
    );
  }

  findOrCreate(identity: ChannelIdentity, locale: Locale): { person: Person; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byIdentity.get(identity.channel, identity.externalId);
      if (existing) return { person: toPerson(existing), created: false };
      const row = this.insertPerson.get(locale)!;
      this.insertIdentity.run(identity.channel, identity.externalId, row.id);
      return { person: toPerson(row), created: true };
    })();
  }

  find(identity: ChannelIdentity): Person | undefined {
    const row = this.byIdentity.get(identity.channel, identity.externalId);
    return row ? toPerson(row) : undefined;
  }

  get(personId: number): Person | undefined {
    const row = this.byId.get(personId);
    return row ? toPerson(row) : undefined;
  }

  setLocale(personId: number, locale: Locale): void {
    this.updateLocale.run(locale, personId);
  }

  identities(personId: number): ChannelIdentity[] {
    return this.listIdentities.all(personId).map((r) => ({ channel: r.channel as ChannelName, externalId: r.external_id }));
  }

  warnPersonalDataOnce(personId: number): boolean {
    return this.markWarned.run(personId).changes === 1;
  }

  markNoticed(personId: number): void {
    this.setNoticed.run(personId);
  }

  link(personId: number, identity: ChannelIdentity): void {
    this.insertIdentity.run(identity.channel, identity.externalId, personId);
  }
}
