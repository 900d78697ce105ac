// The store a test opens: SQLite in memory, or, in the PostgreSQL run (the `postgres` project
// of vitest.config.ts sets TEST_STORE), a fresh database of its own on TEST_DATABASE_URL's
// server, copied from the run's migrated one and dropped when the store is closed.
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { copyDatabase, databaseUrl, dropDatabase } from './postgresDatabases.js';

/** True in the PostgreSQL run of the suite. */
export const onPostgres = process.env.TEST_STORE === 'postgres';

/** How to drop what this test file made on the server and has not dropped yet. */
const leftovers = new Set<() => Promise<void>>();

/** Runs `release` once, whoever asks first; until then dropLeftovers would run it. */
function once(release: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    leftovers.delete(run);
    return (running ??= release());
  };
  leftovers.add(run);
  return run;
}

/** A fresh database on the test server: its URL, and how to drop it. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('The PostgreSQL run needs TEST_DATABASE_URL');
  const name = await copyDatabase(server, inject('postgresTemplate'));
  return { url: databaseUrl(server, name), drop: once(() => dropDatabase(server, name)) };
}

/** A new, migrated, empty store on this run's engine. */
export async function openTestStore(): Promise<Store> {
  if (!onPostgres) return openStore(':memory:');
  const database = await freshDatabase();
  let store: Store;
  try {
    store = await openPostgresStore(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  // The test closes it, or the runtime when it fails to start, or dropLeftovers (which then
  // closes the pools before the database goes).
  leftovers.delete(database.drop);
  const close = once(async () => {
    await store.close();
    await database.drop();
  });
  return { ...store, close };
}

/** Where a bot process a test starts keeps its data, and how the test reads it. */
export interface TestDatabase {
  /** The environment that points the process at it. */
  env: Record<string, string>;
  /** A store of the test's own on it, beside the process's. */
  open(): Promise<Store>;
  /** Drops it (on PostgreSQL; the SQLite file goes with the test's folder). */
  drop(): Promise<void>;
}

/** The SQLite file at `sqlitePath`, or in the PostgreSQL run a fresh database. */
export async function testDatabase(sqlitePath: string): Promise<TestDatabase> {
  if (!onPostgres) return { env: { DATABASE_PATH: sqlitePath }, open: async () => openStore(sqlitePath), drop: async () => {} };
  const { url, drop } = await freshDatabase();
  return { env: { DATABASE_PATH: sqlitePath, DATABASE_URL: url }, open: () => openPostgresStore(url), drop };
}

/** Drops what a test file left behind (a test that failed before its close()), so no database outlives the run. */
export async function dropLeftovers(): Promise<void> {
  await Promise.all([...leftovers].map((drop) => drop()));
}
