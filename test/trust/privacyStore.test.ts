// The privacy repositories give the same answers on SQLite and PostgreSQL: consent is
// explicit (no row is neither yes nor no), and erasure removes the person with every row
// kept under their chats' ids, in one transaction, leaving only a record naming no one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, type OpenEngine } from '../support/engines.js';
import { ConsentRepository } from '../../src/store/privacy/consent.js';
import { PersonDataRepository } from '../../src/store/privacy/personData.js';

const AT = new Date('2025-07-01T03:00:00Z');

async function person(db: OpenEngine, chats: { channel: string; external_id: string }[]): Promise<number> {
  const { id } = await db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow();
  if (chats.length > 0)
    await db.sql
      .insertInto('channel_identity')
      .values(chats.map((c) => ({ ...c, person_id: id })))
      .execute();
  return id;
}

let nextKey = 0;
function message(chat: { channel: string; external_id: string }, personId: number | null, status = 'pending') {
  return {
    idempotency_key: `k${nextKey++}`,
    person_id: personId,
    ...chat,
    purpose: 'test',
    payload: '[]',
    status,
    not_before: AT.toISOString(),
    next_attempt_at: AT.toISOString(),
    created_at: AT.toISOString(),
  };
}

describe.each(ENGINES)('the privacy store on $name', (engine) => {
  let db: OpenEngine;
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps one decision per purpose, the last one, and counts only an explicit answer', async () => {
    const consent = new ConsentRepository(db.sql);
    const id = await person(db, []);
    expect(await consent.decisions(id)).toEqual([]);
    expect(await consent.granted(id, 'reminders')).toBe(false);
    expect(await consent.refused(id, 'reminders')).toBe(false);
    await consent.decide(id, 'reminders', true, AT);
    await consent.decide(id, 'outcome_stats', true, AT);
    await consent.decide(id, 'reminders', false, new Date('2025-07-02T03:00:00Z'));
    expect(await consent.granted(id, 'reminders')).toBe(false);
    expect(await consent.refused(id, 'reminders')).toBe(true);
    expect(await consent.granted(id, 'outcome_stats')).toBe(true);
    expect(await consent.decisions(id)).toEqual([
      { purpose: 'outcome_stats', granted: true, decidedAt: '2025-07-01T03:00:00.000Z' },
      { purpose: 'reminders', granted: false, decidedAt: '2025-07-02T03:00:00.000Z' },
    ]);
  });

  it('counts the messages waiting for a person and sees a menu kept for one of their chats', async () => {
    const data = new PersonDataRepository(db.sql);
    const oa = { channel: 'zalo', external_id: 'oa-1' };
    const bot = { channel: 'zalo_bot', external_id: 'bot-1' };
    const id = await person(db, [oa, bot]);
    await db.sql
      .insertInto('outbox_message')
      .values([message(oa, id), message(bot, id), message(oa, id, 'sent')])
      .execute();
    expect(await data.pendingMessagesTo(id)).toBe(2);
    const chats = [
      { channel: 'zalo' as const, externalId: 'oa-1' },
      { channel: 'zalo_bot' as const, externalId: 'bot-1' },
    ];
    expect(await data.choiceMenuKept(chats)).toBe(false);
    expect(await data.choiceMenuKept([])).toBe(false);
    await db.sql
      .insertInto('zalo_choice_menu')
      .values({ ...bot, choices: '[]', updated_at: AT.toISOString() })
      .execute();
    expect(await data.choiceMenuKept(chats)).toBe(true);
    expect(await data.choiceMenuKept([{ channel: 'zalo', externalId: 'bot-1' }])).toBe(false);
  });

  it("erases the person and what is kept under their chats' ids, and records it without a name", async () => {
    const data = new PersonDataRepository(db.sql);
    const oa = { channel: 'zalo', external_id: 'oa-1' };
    const telegram = { channel: 'telegram', external_id: '42' };
    const other = { channel: 'telegram', external_id: '43' };
    const id = await person(db, [oa, telegram]);
    const someoneElse = await person(db, [other]);
    await db.sql
      .insertInto('outbox_message')
      // A sent message to the chat, one without a person, and one to someone else.
      .values([message(oa, id, 'sent'), message(telegram, null), message(other, someoneElse)])
      .execute();
    await db.sql
      .insertInto('channel_unreachable')
      .values([
        { ...oa, reason: 'blocked', since: AT.toISOString() },
        { ...other, reason: 'blocked', since: AT.toISOString() },
      ])
      .execute();
    await db.sql
      .insertInto('zalo_choice_menu')
      .values({ ...oa, choices: '[]', updated_at: AT.toISOString() })
      .execute();
    await new ConsentRepository(db.sql).decide(id, 'reminders', true, AT);

    await data.erasePerson(id, AT);

    const left = async (
      table: 'person' | 'channel_identity' | 'outbox_message' | 'channel_unreachable' | 'zalo_choice_menu' | 'consent',
    ) =>
      Number(
        (
          await db.sql
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await left('person')).toBe(1);
    expect(await left('channel_identity')).toBe(1);
    expect(await left('outbox_message')).toBe(1);
    expect(await left('channel_unreachable')).toBe(1);
    expect(await left('zalo_choice_menu')).toBe(0);
    expect(await left('consent')).toBe(0);
    const audit = await db.sql.selectFrom('audit_event').select(['action', 'actor_id', 'subject', 'at']).execute();
    expect(audit).toEqual([{ action: 'person.data_deleted', actor_id: null, subject: `person:${id}`, at: AT.toISOString() }]);

    // Asked again (a request repeated after a failure): no one else goes.
    await data.erasePerson(id, AT);
    expect(await left('person')).toBe(1);
  });
});
