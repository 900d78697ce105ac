// Kysely over the embedded SQLite file: the same typed queries as on PostgreSQL, through a
// driver of our own (see driver.ts) that reuses prepared statements and queues callers.
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { Db } from '../database.js';
import type { DB } from '../schema.js';
import { BetterSqliteDriver } from './driver.js';

/** Typed queries on an open SQLite connection; closing the Kysely instance closes the file. */
export function sqliteKysely(db: Db): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createDriver: () => new BetterSqliteDriver(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createAdapter: () => new SqliteAdapter(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    },
  });
}
