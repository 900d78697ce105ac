// A piece of work that must never run twice at once anywhere, such as spending Zalo's
// single-use refresh token: on PostgreSQL every replica queues on one advisory lock named
// after the work; on SQLite (one process) an in-memory queue per name does the same.
import { chatLockKey } from './personTurn.js';
import { KeyedSerialQueue } from '../../bot/serialQueue.js';
import type { TurnTransactions } from '../postgres/turnTransaction.js';

/** Runs work of one name one at a time, across every process on the database. */
export interface Exclusive {
  run<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** One process: each name's work waits for the one before it. */
export function inProcessExclusive(): Exclusive {
  const queue = new KeyedSerialQueue();
  return { run: (name, fn) => queue.run(name, fn) };
}

// The first key of these two-integer locks ("excl" in ASCII), apart from the chats' turns
// ("turn") and the sender ("send").
const EXCLUSIVE_LOCK = 0x6578636c;

/**
 * PostgreSQL: `fn` runs while a transaction holds `pg_advisory_xact_lock(excl, hash(name))`
 * (turnTransaction.ts), and a replica that dies mid-way releases it with its connection.
 * `fn`'s writes commit as they go: a refused refresh token is marked as such even though
 * the refresh then fails.
 */
export function postgresExclusive(turns: Pick<TurnTransactions, 'run'>): Exclusive {
  return { run: (name, fn) => turns.run(EXCLUSIVE_LOCK, chatLockKey(name), fn, { join: false }) };
}
