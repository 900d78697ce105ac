// People and the chat identities they use, on Kysely (the same queries on SQLite and PostgreSQL).
import type { Kysely, Selectable } from 'kysely';
import type { DB, Person as PersonTable } from '../schema.js';
import type { ChannelIdentity, Person, PersonRepository } from '../repositories.js';
import { type Locale, isLocale } from '../../i18n/format.js';
import type { ChannelName } from '../../bot/types.js';
import { reusableQuery, sharedQuery, transaction } from '../reusableQuery.js';

type PersonRow = Pick<Selectable<PersonTable>, 'id' | 'locale' | 'created_at' | 'noticed_at'>;

const PERSON_COLUMNS = ['p.id', 'p.locale', 'p.created_at', 'p.noticed_at'] as const;
const INSERTED_COLUMNS = ['id', 'locale', 'created_at', 'noticed_at'] as const;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    locale: isLocale(row.locale) ? row.locale : 'vi',
    createdAt: row.created_at,
    noticed: row.noticed_at !== null,
  };
}

/** Thrown inside findOrCreate's transaction to undo a person another turn created first. */
class CreatedMeanwhile extends Error {}

/** People and the chat identities they use, looked up without creating anyone unless asked. */
export class KyselyPersonRepository implements PersonRepository {
  // Asked on every turn: compiled once (reusableQuery.ts).
  private readonly byIdentity;
  private readonly byId;

  constructor(private readonly db: Kysely<DB>) {
    this.byIdentity = reusableQuery(db, (channel: string, externalId: string) =>
      db
        .selectFrom('channel_identity as ci')
        .innerJoin('person as p', 'p.id', 'ci.person_id')
        .select(PERSON_COLUMNS)
        .where('ci.channel', '=', channel)
        .where('ci.external_id', '=', externalId),
    );
    this.byId = reusableQuery(db, (personId: number) =>
      db.selectFrom('person as p').select(PERSON_COLUMNS).where('p.id', '=', personId),
    );
  }

  async findOrCreate(identity: ChannelIdentity, locale: Locale): Promise<{ person: Person; created: boolean }> {
    // Every turn but a person's first finds them with this one query.
    const existing = await this.find(identity);
    if (existing) return { person: existing, created: false };
    try {
      const person = await transaction(this.db, async (trx) => {
        const [row] = (await insertPerson(trx, locale)).rows;
        if (!row) throw new Error('no person row returned');
        const linked = await insertIdentity(trx, row.id, identity);
        // Someone else's turn linked this identity in between: theirs stands, ours is undone.
        if (!linked) throw new CreatedMeanwhile();
        return toPerson(row);
      });
      return { person, created: true };
    } catch (error) {
      if (!(error instanceof CreatedMeanwhile)) throw error;
      const person = await this.find(identity);
      if (!person) throw new Error('channel identity vanished while being created', { cause: error });
      return { person, created: false };
    }
  }

  async find(identity: ChannelIdentity): Promise<Person | undefined> {
    const [row] = await this.byIdentity(identity.channel, identity.externalId);
    return row ? toPerson(row) : undefined;
  }

  async get(personId: number): Promise<Person | undefined> {
    const [row] = await this.byId(personId);
    return row ? toPerson(row) : undefined;
  }

  async setLocale(personId: number, locale: Locale): Promise<void> {
    await this.db.updateTable('person').set({ locale }).where('id', '=', personId).execute();
  }

  async identities(personId: number): Promise<ChannelIdentity[]> {
    const rows = await this.db
      .selectFrom('channel_identity')
      .select(['channel', 'external_id'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('channel')
      .orderBy('external_id')
      .execute();
    return rows.map((r) => ({ channel: r.channel as ChannelName, externalId: r.external_id }));
  }

  async warnPersonalDataOnce(personId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('person')
      .set({ warned_personal_data_at: new Date().toISOString() })
      .where('id', '=', personId)
      .where('warned_personal_data_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markNoticed(personId: number): Promise<void> {
    await noticePerson(this.db, personId, new Date().toISOString());
  }

  async link(personId: number, identity: ChannelIdentity): Promise<void> {
    await insertIdentity(this.db, personId, identity);
  }
}

// A person's first contact runs these: compiled once (reusableQuery.ts).
const insertPerson = sharedQuery((db, locale: string) => db.insertInto('person').values({ locale }).returning(INSERTED_COLUMNS));
const noticePerson = sharedQuery((db, personId: number, at: string) =>
  db.updateTable('person').set({ noticed_at: at }).where('id', '=', personId).where('noticed_at', 'is', null),
);
const linkIdentity = sharedQuery((db, channel: string, externalId: string, personId: number) =>
  db
    .insertInto('channel_identity')
    .values({ channel, external_id: externalId, person_id: personId })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing()),
);

/** Links an identity to a person unless it is linked already (to anyone); true when linked now. */
async function insertIdentity(db: Kysely<DB>, personId: number, identity: ChannelIdentity): Promise<boolean> {
  const result = await linkIdentity(db, identity.channel, identity.externalId, personId);
  return Number(result.numAffectedRows) === 1;
}
