// The store the composition root hands out: every repository over one database. Domain
// modules, channels and commands reach the data only through these repositories.
import type { Kysely } from 'kysely';
import { type Db, openDatabase } from './database.js';
import type { DB } from './schema.js';
import { sqliteKysely } from './sqlite/kysely.js';
import { type Repositories, repositories } from './assemble.js';
import { openPostgresStore } from './postgres/store.js';
import { type ChatTurns, inProcessChatTurns } from './coordination/personTurn.js';

export type { Repositories } from './assemble.js';

export interface Store extends Repositories {
  readonly engine: 'sqlite' | 'postgres';
  /** Typed queries (Kysely): for the store's own modules and for tests, never for the domain. */
  readonly sql: Kysely<DB>;
  /** Runs one chat's turn while no other replica runs a turn of the same chat. */
  readonly chatTurns: ChatTurns;
  /** A consistent copy of the live database, safe while the bot runs (SQLite; PostgreSQL is backed up with pg_dump). */
  backup(destination: string): Promise<void>;
  /** True while the database answers; used by /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The embedded store, which also lends its connection to tests and benchmarks. */
export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  readonly db: Db;
}

/** The store on a database file (or `:memory:`): every repository over one connection. */
export function openStore(path: string): SqliteStore {
  const db = openDatabase(path);
  const sql = sqliteKysely(db);
  return {
    engine: 'sqlite',
    db,
    sql,
    ...repositories(sql),
    chatTurns: inProcessChatTurns,
    backup: async (destination) => {
      await db.backup(destination);
    },
    ping: async () => {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}

/** PostgreSQL when DATABASE_URL names a server, otherwise the SQLite file at DATABASE_PATH. */
export async function openConfiguredStore(config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): Promise<Store> {
  return config.DATABASE_URL ? openPostgresStore(config.DATABASE_URL) : openStore(config.DATABASE_PATH);
}
