// Persons, conversations and processed update ids, on each engine the store runs on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KyselyConversationRepository } from '../../../src/store/core/conversations.js';
import { KyselyPersonRepository } from '../../../src/store/core/persons.js';
import { KyselyProcessedUpdateRepository } from '../../../src/store/core/processedUpdates.js';
import { ENGINES, type OpenEngine } from '../../support/engines.js';

describe.each(ENGINES)('persons on $name', (engine) => {
  let db: OpenEngine;
  let persons: KyselyPersonRepository;
  beforeEach(async () => {
    db = await engine.open();
    persons = new KyselyPersonRepository(db.sql);
  });
  afterEach(async () => {
    await db.close();
  });

  it('creates a person on first contact only, and finds them without creating anyone', async () => {
    const telegram = { channel: 'telegram' as const, externalId: '42' };
    expect(await persons.find(telegram)).toBeUndefined();
    const first = await persons.findOrCreate(telegram, 'en');
    expect(first.created).toBe(true);
    expect(first.person).toMatchObject({ locale: 'en', noticed: false });
    expect(first.person.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const again = await persons.findOrCreate(telegram, 'vi');
    expect(again).toEqual({ person: first.person, created: false });
    expect(await persons.find(telegram)).toEqual(first.person);
    expect(await persons.get(first.person.id)).toEqual(first.person);
    expect(await persons.get(first.person.id + 1)).toBeUndefined();
  });

  it('gives two first messages arriving together one person', async () => {
    const zalo = { channel: 'zalo' as const, externalId: 'z1' };
    const [a, b] = await Promise.all([persons.findOrCreate(zalo, 'vi'), persons.findOrCreate(zalo, 'vi')]);
    expect(a.person.id).toBe(b.person.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const { n } = await db.sql
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });

  it('changes the language, links identities once, and lists them', async () => {
    const { person } = await persons.findOrCreate({ channel: 'telegram', externalId: '7' }, 'vi');
    await persons.setLocale(person.id, 'en');
    expect((await persons.get(person.id))!.locale).toBe('en');
    await persons.link(person.id, { channel: 'zalo', externalId: 'z7' });
    await persons.link(person.id, { channel: 'zalo', externalId: 'z7' });
    expect(await persons.identities(person.id)).toEqual(
      expect.arrayContaining([
        { channel: 'telegram', externalId: '7' },
        { channel: 'zalo', externalId: 'z7' },
      ]),
    );
    expect(await persons.identities(person.id)).toHaveLength(2);
    expect((await persons.find({ channel: 'zalo', externalId: 'z7' }))!.id).toBe(person.id);
  });

  it('warns about personal data once, and records the notice once', async () => {
    const { person } = await persons.findOrCreate({ channel: 'terminal', externalId: 't' }, 'vi');
    expect(await persons.warnPersonalDataOnce(person.id)).toBe(true);
    expect(await persons.warnPersonalDataOnce(person.id)).toBe(false);
    await persons.markNoticed(person.id);
    const noticed = await db.sql.selectFrom('person').select('noticed_at').executeTakeFirstOrThrow();
    await persons.markNoticed(person.id);
    expect((await persons.get(person.id))!.noticed).toBe(true);
    expect(await db.sql.selectFrom('person').select('noticed_at').executeTakeFirstOrThrow()).toEqual(noticed);
  });
});

describe.each(ENGINES)('conversations and processed updates on $name', (engine) => {
  let db: OpenEngine;
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps one state per person: saved, replaced, read back whole, cleared', async () => {
    const { person } = await new KyselyPersonRepository(db.sql).findOrCreate({ channel: 'terminal', externalId: 't' }, 'vi');
    const conversations = new KyselyConversationRepository(db.sql);
    expect(await conversations.get(person.id)).toBeUndefined();
    const at = new Date('2024-03-01T08:00:00.000Z');
    await conversations.save(person.id, { flowId: 'guide', stepId: 'one', history: [], vars: {} }, at);
    const options = [{ value: 'Phú Hưng', label: 'Xã Phú Hưng' }];
    await conversations.save(
      person.id,
      { flowId: 'ask', stepId: 'find', history: ['name'], vars: { query: 'phu' }, options },
      at,
    );
    expect(await conversations.get(person.id)).toEqual({
      flowId: 'ask',
      stepId: 'find',
      history: ['name'],
      vars: { query: 'phu' },
      options,
      updatedAt: at.toISOString(),
    });
    await conversations.save(person.id, { flowId: 'guide', stepId: 'two', history: ['one'], vars: {} });
    expect(await conversations.get(person.id)).not.toHaveProperty('options');
    await conversations.clear(person.id);
    expect(await conversations.get(person.id)).toBeUndefined();
  });

  it('says whether an update id is new, and forgets old ones', async () => {
    const updates = new KyselyProcessedUpdateRepository(db.sql);
    expect(await updates.markProcessed('telegram', '1')).toBe(true);
    expect(await updates.markProcessed('telegram', '1')).toBe(false);
    expect(await updates.markProcessed('zalo', '1')).toBe(true);
    expect(await updates.purgeBefore('2000-01-01T00:00:00.000Z')).toBe(0);
    expect(await updates.purgeBefore(new Date(Date.now() + 60_000).toISOString())).toBe(2);
    expect(await updates.markProcessed('telegram', '1')).toBe(true);
  });
});
