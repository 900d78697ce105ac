// Databases of the PostgreSQL run: one migrated once per run (t_<run>), which every test's
// store copies (t_<run>_<copy>): CREATE DATABASE … TEMPLATE takes milliseconds where migrating
// a new schema takes most of a second, and a file of transcripts opens a bot per test. Each
// copy is dropped when its test is done, and whatever a test left is dropped with the run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/store/postgres/migrate.js';

const TEST_DATABASE = /^t_[0-9a-f]+(_[0-9a-f]+)?$/;
const id = () => randomBytes(6).toString('hex');

/** `url` naming another database on the same server. */
export function databaseUrl(url: string, database: string): string {
  const named = new URL(url);
  named.pathname = `/${database}`;
  return named.toString();
}

async function onServer<T extends pg.QueryResultRow>(url: string, statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(statement)).rows;
  } finally {
    await client.end();
  }
}

/** A new database beside the one `url` names, migrated; returns its name. */
export async function createMigratedDatabase(url: string): Promise<string> {
  const name = `t_${id()}`;
  await onServer(url, `CREATE DATABASE ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(url, name) });
  await client.connect();
  try {
    await migratePostgres(client);
  } catch (error) {
    await client.end();
    await dropDatabase(url, name);
    throw error;
  }
  await client.end();
  return name;
}

/** A copy of `template` (which nobody may be connected to); returns its name. */
export async function copyDatabase(url: string, template: string): Promise<string> {
  const name = `${template}_${id()}`;
  await onServer(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return name;
}

/** Drops a database made here, closing whatever connection is still on it. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  if (!TEST_DATABASE.test(name)) throw new Error(`not a test database: ${name}`);
  await onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Drops the copies of `template` still there (a test that timed out before closing its store), then `template`. */
export async function dropWithCopies(url: string, template: string): Promise<void> {
  const copies = await onServer<{ name: string }>(
    url,
    `SELECT datname AS name FROM pg_database WHERE datname LIKE '${template}\\_%'`,
  );
  for (const { name } of copies) await dropDatabase(url, name);
  await dropDatabase(url, template);
}
