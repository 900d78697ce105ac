// A schema of its own, migrated, for one test run or one generation of the table types;
// dropped afterwards whatever happens.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from './migrate.js';

/** Creates a new schema on the server at `url`, migrates it, runs `use(schema)`, then drops it. */
export async function withFreshSchema<T>(url: string, use: (schema: string) => Promise<T>): Promise<T> {
  const schema = await createFreshSchema(url);
  try {
    return await use(schema);
  } finally {
    await dropSchema(url, schema);
  }
}

/** Creates and migrates a new schema with a random name; returns the name. */
export async function createFreshSchema(url: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  return schema;
}

/** Drops a schema made by createFreshSchema, with everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^t_[0-9a-f]+$/.test(schema)) throw new Error(`not a test schema: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
