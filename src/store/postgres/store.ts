// The store on PostgreSQL: one pool per process, the schema migrated at start (replicas
// starting together apply each migration once, under an advisory lock).
import { repositories } from '../assemble.js';
import type { Store } from '../index.js';
import { migratePostgres } from './migrate.js';
import { postgresPool } from './pool.js';
import { turnTransactions } from './turnTransaction.js';
import { postgresChatTurns } from '../coordination/personTurn.js';
import { postgresExclusive } from '../coordination/exclusive.js';
import { postgresSenderLease } from '../coordination/senderLease.js';
import { postgresFloodCounter } from '../coordination/floodCounts.js';

/** Turns of different chats that run at once on one replica, at most. */
const LOCK_CONNECTIONS = 8;

/** Connects to `url` (a schema of its own when given), migrates, and returns the store. */
export async function openPostgresStore(
  url: string,
  options: { schema?: string; max?: number; onError?: (error: Error) => void; outboxLeaseMs?: number } = {},
): Promise<Store> {
  const { outboxLeaseMs, ...poolOptions } = options;
  const pool = postgresPool(url, poolOptions);
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
  // The chats' turns (and other exclusive work) hold connections of their own.
  const turns = turnTransactions(pool, postgresPool(url, { ...poolOptions, max: LOCK_CONNECTIONS }));
  const { sql } = turns;
  return {
    engine: 'postgres',
    sql,
    ...repositories(sql, { replicas: true, ...(outboxLeaseMs ? { outboxLeaseMs } : {}) }),
    chatTurns: postgresChatTurns(turns),
    exclusive: postgresExclusive(turns),
    senderLease: () => postgresSenderLease(pool),
    floodCounter: (limits) => postgresFloodCounter(pool, limits),
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
      await turns.destroy();
    },
  };
}
