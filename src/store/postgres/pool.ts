// Connections to PostgreSQL: one pool per process, Kysely over it. Counts and sums come back
// as numbers, as they do from SQLite (node-postgres reads BIGINT and NUMERIC as strings
// because they may not fit a double; a campaign's counts always do).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../schema.js';

const NUMBERS = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);

/** Parses BIGINT and NUMERIC as numbers, for the connections given it only (pg's global parsers stay as they are). */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    NUMBERS.has(oid) ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A pool on `url`; `schema` puts one schema first in the search path (a test's own schema).
 * `onError` hears of idle connections the server dropped (a restart, an idle timeout): the
 * pool replaces them, and without a listener node-postgres's 'error' event ends the process.
 */
export function postgresPool(
  url: string,
  options: { schema?: string; max?: number; onError?: (error: Error) => void } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: postgresTypes,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', (error) => options.onError?.(error));
  return pool;
}

/** Typed queries over a pool; destroying the Kysely instance ends the pool. */
export function postgresKysely(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
