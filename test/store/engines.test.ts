// The same typed queries give the same values on SQLite and PostgreSQL: what the
// repositories written once for both engines rely on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, type OpenEngine } from '../support/engines.js';

describe.each(ENGINES)('the query layer on $name', (engine) => {
  let db: OpenEngine;
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('returns generated ids and default timestamps in the same ISO form', async () => {
    const person = await db.sql
      .insertInto('person')
      .values({ locale: 'vi' })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(typeof person.id).toBe('number');
    expect(person.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('skips a duplicate key without an error, and says nothing was inserted', async () => {
    const { id } = await db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow();
    const identity = { channel: 'telegram', external_id: '42', person_id: id };
    const insert = () =>
      db.sql
        .insertInto('channel_identity')
        .values(identity)
        .onConflict((oc) => oc.doNothing())
        .returning('person_id')
        .executeTakeFirst();
    expect(await insert()).toEqual({ person_id: id });
    expect(await insert()).toBeUndefined();
  });

  it('counts and sums as numbers, not strings', async () => {
    await db.sql
      .insertInto('person')
      .values([{ locale: 'vi' }, { locale: 'en' }, { locale: 'vi' }])
      .execute();
    const row = await db.sql
      .selectFrom('person')
      .select((eb) => [eb.fn.countAll<number>().as('people'), eb.fn.sum<number>('id').as('ids')])
      .executeTakeFirstOrThrow();
    expect(row.people).toBe(3);
    expect(typeof row.ids).toBe('number');
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.sql.transaction().execute(async (trx) => {
        await trx.insertInto('person').values({ locale: 'vi' }).execute();
        await trx.insertInto('person').values({ locale: 'xx' }).execute(); // refused by the CHECK
      }),
    ).rejects.toThrow();
    const { n } = await db.sql
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(0);
  });

  it('refuses to change or delete an audit event', async () => {
    await db.sql.insertInto('audit_event').values({ action: 'test', at: new Date().toISOString() }).execute();
    await expect(db.sql.updateTable('audit_event').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.sql.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
  });
});

describe('statements prepared once', () => {
  it('answers right across more statement texts than it keeps prepared (the cache starts again)', async () => {
    const db = await ENGINES[0]!.open();
    // Each list length is a new text; far more of them than the cache keeps.
    for (let n = 1; n <= 1200; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      const rows = await db.sql.selectFrom('person').select('id').where('id', 'in', ids).execute();
      expect(rows).toEqual([]);
    }
    await db.sql.insertInto('person').values({ locale: 'vi' }).execute();
    expect(await db.sql.selectFrom('person').select('locale').where('id', 'in', [1]).execute()).toEqual([{ locale: 'vi' }]);
    await db.close();
  });
});

describe('the one SQLite connection, shared', () => {
  it('keeps a query asked during a transaction out of it: the query runs after, and a rollback takes nothing of it', async () => {
    const db = await ENGINES[0]!.open();
    const count = async () =>
      Number(
        (
          await db.sql
            .selectFrom('person')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let outside: Promise<number> | undefined;
    await expect(
      db.sql.transaction().execute(async (trx) => {
        await trx.insertInto('person').values({ locale: 'vi' }).execute();
        outside = count();
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outside).toBe(0);
    await db.close();
  });

  it('serves callers waiting for the connection in the order they asked', async () => {
    const db = await ENGINES[0]!.open();
    const ids = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow(),
      ),
    );
    expect(ids.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await db.close();
  });
});
