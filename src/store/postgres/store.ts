// The store on PostgreSQL: one pool per process, the schema migrated at start (replicas
// starting together apply each migration once, under an advisory lock).
import { repositories } from '../assemble.js';
import type { Store } from '../index.js';
import { migratePostgres } from './migrate.js';
import { postgresKysely, postgresPool } from './pool.js';
import { postgresChatTurns } from '../coordination/personTurn.js';

/** Turns of different chats that run at once on one replica, at most. */
const LOCK_CONNECTIONS = 8;

/** Connects to `url` (a schema of its own when given), migrates, and returns the store. */
export async function openPostgresStore(
  url: string,
  options: { schema?: string; max?: number; onError?: (error: Error) => void } = {},
): Promise<Store> {
  const pool = postgresPool(url, options);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const sql = postgresKysely(pool);
  // The chats' turn locks hold connections of their own (see postgresChatTurns).
  const locks = postgresKysely(postgresPool(url, { ...options, max: LOCK_CONNECTIONS }));
  return {
    engine: 'postgres',
    sql,
    ...repositories(sql, { replicas: true }),
    chatTurns: postgresChatTurns(locks),
    backup: async () => {
      throw new Error('A PostgreSQL store is backed up with pg_dump (see docs/deployment.md), not by the bot.');
    },
    ping: async () => {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await locks.destroy();
      await sql.destroy();
    },
  };
}
