// Everything a store holds, table by table, on either engine: for checks that a secret or a
// chat id is stored nowhere.
import { sql } from 'kysely';
import type { Store } from '../../src/store/index.js';

/** The store's tables (on PostgreSQL, those of its own schema only). */
export async function tableNames(store: Store): Promise<string[]> {
  const listed =
    store.engine === 'postgres'
      ? sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
      : sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`;
  return (await listed.execute(store.sql)).rows.map((r) => r.name);
}

/** Every row of one table, as the driver reads it. */
export async function rowsOf(store: Store, table: string): Promise<Record<string, unknown>[]> {
  return (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(store.sql)).rows;
}

/** Every row of every table, as one string. */
export async function everyRow(store: Store): Promise<string> {
  const tables: Record<string, unknown>[][] = [];
  for (const name of await tableNames(store)) tables.push(await rowsOf(store, name));
  return JSON.stringify(tables);
}
