// The store the composition root hands out: every repository over one database. Domain
// modules, channels and commands reach the data only through these repositories.
import type { Kysely } from 'kysely';
import { type Db, openDatabase } from './database.js';
import type { DB } from './schema.js';
import { sqliteKysely } from './sqlite/kysely.js';
import { type Repositories, repositories } from './assemble.js';
import { openPostgresStore } from './postgres/store.js';
import { type ChatTurns, inProcessChatTurns } from './coordination/personTurn.js';
import { type Exclusive, inProcessExclusive } from './coordination/exclusive.js';
import { type SenderLease, sqliteSenderLease } from './coordination/senderLease.js';
import { type FloodCounter, type FloodLimits, memoryFloodCounter } from './coordination/floodCounts.js';

export type { Repositories } from './assemble.js';

export interface Store extends Repositories {
  readonly engine: 'sqlite' | 'postgres';
  /** Typed queries (Kysely): for the store's own modules and for tests, never for the domain. */
  readonly sql: Kysely<DB>;
  /** Runs one chat's turn while no other replica runs a turn of the same chat. */
  readonly chatTurns: ChatTurns;
  /** Runs work of one name (a token refresh) while no other replica runs work of that name. */
  readonly exclusive: Exclusive;
  /** The right to be the one replica sending the outbox; one lease per sender. */
  senderLease(): SenderLease;
  /** Counts each person's messages where every replica counts them (the flood guard). */
  floodCounter(limits: FloodLimits): FloodCounter;
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
    // One process writes the file: the in-memory versions are the whole truth.
    chatTurns: inProcessChatTurns,
    exclusive: inProcessExclusive(),
    senderLease: sqliteSenderLease,
    floodCounter: memoryFloodCounter,
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
export async function openConfiguredStore(config: {
  DATABASE_URL?: string | undefined;
  DATABASE_PATH: string;
  OUTBOX_LEASE_SECONDS?: number;
}): Promise<Store> {
  if (!config.DATABASE_URL) return openStore(config.DATABASE_PATH);
  return openPostgresStore(config.DATABASE_URL, {
    ...(config.OUTBOX_LEASE_SECONDS ? { outboxLeaseMs: config.OUTBOX_LEASE_SECONDS * 1000 } : {}),
  });
}
