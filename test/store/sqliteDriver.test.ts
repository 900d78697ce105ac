// The SQLite driver's queue for its one connection: statements that arrive while a
// transaction holds it run after it, in the order they came, and a transaction's reused
// queries run inside it. Its rows, read as arrays and named by the driver, are what
// better-sqlite3's own row objects would be.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type SqliteStore, openStore } from '../../src/store/index.js';
import { reusableQuery, transaction } from '../../src/store/reusableQuery.js';

describe('SQLite connection queue', () => {
  let store: SqliteStore;
  afterEach(() => store.close());

  const setup = () => {
    store = openStore(':memory:');
    const db = store.sql;
    const insert = reusableQuery(db, (id: string) =>
      db.insertInto('processed_update').values({ channel: 'telegram', update_id: id }),
    );
    const ids = reusableQuery(db, (channel: string) =>
      db.selectFrom('processed_update').select('update_id').where('channel', '=', channel).orderBy('update_id'),
    );
    return { db, insert, ids };
  };

  it('runs statements queued behind a transaction after it, in order, seeing what it wrote', async () => {
    const { db, insert, ids } = setup();
    let release!: () => void;
    const held = transaction(db, async (trx) => {
      await insert.in(trx, '1');
      await new Promise<void>((resolve) => (release = resolve));
      await insert.in(trx, '2');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const order: string[] = [];
    const read = ids('telegram').then((rows) => order.push(`read ${rows.map((r) => r.update_id).join(',')}`));
    const written = insert('3').then(() => order.push('insert 3'));
    const failed = insert('1').catch(() => order.push('insert 1 refused'));
    const kysely = db
      .selectFrom('processed_update')
      .select('update_id')
      .execute()
      .then((rows) => order.push(`kysely ${rows.length}`));
    release();
    await Promise.all([held, read, written, failed, kysely]);
    expect(order).toEqual(['read 1,2', 'insert 3', 'insert 1 refused', 'kysely 3']);
  });

  it("undoes a transaction's reused queries with it", async () => {
    const { db, insert, ids } = setup();
    await expect(
      transaction(db, async (trx) => {
        await insert.in(trx, '1');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await ids('telegram')).toEqual([]);
  });

  it('names each row by its columns as better-sqlite3 would: aliases, nulls, numbers, a repeated name', async () => {
    store = openStore(':memory:');
    const text = `SELECT 'VN' AS code, NULL AS parent, 3 AS n, 2.5 AS share, 'first' AS label, 'second' AS label`;
    const { rows } = await store.sql.executeQuery(CompiledQuery.raw(text));
    expect(rows).toEqual([store.db.prepare(text).get()]);
    expect(rows).toEqual([{ code: 'VN', parent: null, n: 3, share: 2.5, label: 'second' }]);
  });

  it('returns the rows a write gives back (RETURNING) and runs writes that give none', async () => {
    store = openStore(':memory:');
    const inserted = await sql<{
      update_id: string;
    }>`INSERT INTO processed_update (channel, update_id) VALUES ('zalo', 'a'), ('zalo', 'b') RETURNING update_id`.execute(
      store.sql,
    );
    expect(inserted.rows).toEqual([{ update_id: 'a' }, { update_id: 'b' }]);
    const removed = await store.sql.deleteFrom('processed_update').where('update_id', '=', 'a').executeTakeFirst();
    expect(removed.numDeletedRows).toBe(1n);
    const left = await store.sql.selectFrom('processed_update').select(['channel', 'update_id']).execute();
    expect(left).toEqual([{ channel: 'zalo', update_id: 'b' }]);
  });

  it('names the columns a `select *` gains when another process migrates the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-driver-'));
    try {
      store = openStore(join(dir, 'store.sqlite'));
      await store.sql.insertInto('processed_update').values({ channel: 'zalo', update_id: 'a' }).execute();
      const everything = () => store.sql.selectFrom('processed_update').selectAll().execute();
      expect(Object.keys((await everything())[0]!).sort()).toEqual(['channel', 'seen_at', 'update_id']);
      const other = new Database(join(dir, 'store.sqlite'));
      other.exec(`ALTER TABLE processed_update ADD COLUMN note TEXT DEFAULT 'x'`);
      other.close();
      expect((await everything())[0]).toMatchObject({ channel: 'zalo', update_id: 'a', note: 'x' });
    } finally {
      await store.close();
      store = openStore(':memory:');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
