// The two engines the store runs on, for tests that must hold on both: SQLite always, and
// PostgreSQL when TEST_DATABASE_URL names a server (each opening gets a fresh schema of its
// own, dropped when it is closed).
import type { Kysely } from 'kysely';
import { openStore } from '../../src/store/index.js';
import type { DB } from '../../src/store/schema.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import { postgresKysely, postgresPool } from '../../src/store/postgres/pool.js';

export const postgresUrl = process.env.TEST_DATABASE_URL;

export interface OpenEngine {
  sql: Kysely<DB>;
  close(): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** A new, migrated, empty database on this engine. */
  open(): Promise<OpenEngine>;
}

const sqlite: Engine = {
  name: 'sqlite',
  open: async () => {
    const store = openStore(':memory:');
    return { sql: store.sql, close: async () => store.close() };
  },
};

const postgres = (url: string): Engine => ({
  name: 'postgres',
  open: async () => {
    const schema = await createFreshSchema(url);
    const sql = postgresKysely(postgresPool(url, { schema, max: 4 }));
    return {
      sql,
      close: async () => {
        await sql.destroy();
        await dropSchema(url, schema);
      },
    };
  },
});

/** Every engine this run can test: PostgreSQL only when TEST_DATABASE_URL is set. */
export const ENGINES: readonly Engine[] = [sqlite, ...(postgresUrl ? [postgres(postgresUrl)] : [])];
