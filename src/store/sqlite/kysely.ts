// Kysely over the embedded SQLite file: the same typed queries as on PostgreSQL, through a
// driver of our own (see driver.ts) that reuses prepared statements and queues callers.
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { Db } from '../database.js';
import type { DB } from '../schema.js';
import { BetterSqliteDriver } from './driver.js';

const drivers = new WeakMap<object, BetterSqliteDriver>();

/**
 * The driver under a store's own Kysely instance (not a transaction's): a reused compiled
 * query runs through it directly while the connection is free (reusableQuery.ts).
 */
export function sqliteDriverOf(runner: object): BetterSqliteDriver | undefined {
  return drivers.get(runner);
}

/** Typed queries on an open SQLite connection; closing the Kysely instance closes the file. */
export function sqliteKysely(db: Db): Kysely<DB> {
  const driver = new BetterSqliteDriver(db);
  const kysely = new Kysely<DB>({
    dialect: {
      createDriver: () => driver,
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createAdapter: () => new SqliteAdapter(),
      createIntrospector: (k) => new SqliteIntrospector(k),
    },
  });
  drivers.set(kysely, driver);
  return kysely;
}
