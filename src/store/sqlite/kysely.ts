// Kysely over the embedded SQLite file: the same typed queries as on PostgreSQL, through a
// driver of our own (see driver.ts) that reuses prepared statements and queues callers.
import {
  type CompiledQuery,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Db } from '../database.js';
import type { DB } from '../schema.js';
import { BetterSqliteDriver } from './driver.js';

/** Each store's own Kysely instance to its driver and to the Kysely instance its transactions run on. */
const stores = new WeakMap<object, { driver: BetterSqliteDriver; held: Kysely<DB> }>();
/** The Kysely instance a store's transactions run on, to the store's driver. */
const helds = new WeakMap<object, BetterSqliteDriver>();

/**
 * Runs a compiled query straight on the connection when `runner` is a store's own Kysely
 * instance (in its turn for the connection) or the instance an open transaction runs on;
 * undefined for any other runner, which runs the query itself.
 */
export function runOnSqlite<R>(runner: object, compiled: CompiledQuery): Promise<QueryResult<R>> | undefined {
  const store = stores.get(runner);
  if (store) return store.driver.run<R>(compiled);
  return helds.get(runner)?.runHeld<R>(compiled);
}

/**
 * Runs `work` in a transaction on the store `db` (see BetterSqliteDriver.transaction);
 * undefined when `db` is not an SQLite store's own Kysely instance.
 */
export function sqliteTransaction<T>(db: object, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> | undefined {
  const store = stores.get(db);
  return store?.driver.transaction(store.held, work);
}

/** Typed queries on an open SQLite connection; closing the Kysely instance closes the file. */
export function sqliteKysely(db: Db): Kysely<DB> {
  const driver = new BetterSqliteDriver(db);
  const dialect = (d: Driver): Dialect => ({
    createDriver: () => d,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (k) => new SqliteIntrospector(k),
  });
  const kysely = new Kysely<DB>({ dialect: dialect(driver) });
  // One for the store's life: there is one connection, so one transaction at a time.
  const held = new Kysely<DB>({ dialect: dialect(driver.heldDriver) });
  stores.set(kysely, { driver, held });
  helds.set(held, driver);
  return kysely;
}
