// Brings a PostgreSQL schema up to date, as migrate() in src/store/database.ts does for
// SQLite: every pending migration in one transaction, recorded in schema_migration.
import type pg from 'pg';
import type { Migration } from '../migrations/index.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';

// The advisory lock that serialises migration runs on one database: any fixed number works,
// as long as nothing else in the database takes it ("trolyd" in ASCII).
const MIGRATION_LOCK_KEY = 0x74726f6c7964;

/**
 * Applies the migrations not yet recorded, in order, in one transaction; returns their
 * versions. Replicas starting together queue on an advisory lock held until commit, so the
 * second finds everything recorded and applies nothing. Objects are created in the first
 * schema of the connection's search_path.
 */
export async function migratePostgres(
  client: pg.PoolClient | pg.Client,
  migrations: Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  // READ COMMITTED whatever the server's default: each statement after the lock then sees
  // what a run that held it before committed (REPEATABLE READ would keep the older snapshot).
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migration');
    const applied = new Set(rows.map((r) => r.version));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
    for (const m of pending) {
      // No parameters: the simple query protocol runs the file's several statements.
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    // The first error is the one worth reporting; a failed ROLLBACK means a lost connection.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
