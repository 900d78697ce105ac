// One person's messages handled in order, one turn at a time, however many replicas take
// updates: each turn runs in a transaction that first locks the person. Two people's turns
// never wait for each other on PostgreSQL.
import { type Kysely, type Transaction, sql as raw } from 'kysely';
import type { DB } from '../schema.js';
import type { TurnTransactions } from '../postgres/turnTransaction.js';

/** Runs a person's turns one after the other; one implementation per engine. */
export interface PersonTurns {
  /**
   * Runs `fn` in a transaction that no other turn of `personId` overlaps, in this process
   * or any other on the database; commits what it wrote, or rolls it back if it throws.
   */
  withPersonTurn<T>(sql: Kysely<DB>, personId: number, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
}

/**
 * SQLite: one process and one connection, which Kysely's driver lends to one transaction
 * at a time, so a plain transaction already orders every turn (everyone's, not only one
 * person's: SQLite has one writer anyway).
 */
export const sqlitePersonTurns: PersonTurns = {
  withPersonTurn(sql, _personId, fn) {
    return sql.transaction().execute(fn);
  },
};

// The first key of the two-integer advisory locks on a person ("turn" in ASCII): the
// two-integer keys are a space apart from the one-bigint keys (the migration lock), and
// this first half keeps them apart from any other two-integer lock user.
const PERSON_TURN_LOCK = 0x7475726e;

/**
 * PostgreSQL: the transaction first takes `pg_advisory_xact_lock(turn, personId)`, which
 * waits for the person's previous turn to commit or roll back and is released with this
 * one; a dropped connection rolls back and releases it too. `personId` must fit an int4,
 * as person.id does.
 */
export const postgresPersonTurns: PersonTurns = {
  withPersonTurn(sql, personId, fn) {
    // READ COMMITTED whatever the server's default: each statement after the lock then sees
    // what the previous turn committed. Under REPEATABLE READ the snapshot would be taken by
    // the lock statement itself, before the wait, and the turn would read rows as they were
    // before the previous turn wrote them.
    return sql
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        await raw`SELECT pg_advisory_xact_lock(${PERSON_TURN_LOCK}::int4, ${personId}::int4)`.execute(trx);
        return fn(trx);
      });
  },
};

/** One chat's turns, one at a time across every process on the database; `key` names the chat. */
export interface ChatTurns {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** SQLite: one process, whose engine already queues each chat's turns in memory. */
export const inProcessChatTurns: ChatTurns = {
  /** Runs the turn at once. */
  run: (_key, fn) => fn(),
};

/**
 * PostgreSQL: the chat's turn is one transaction that first takes the chat's lock
 * (`pg_advisory_xact_lock(turn, key)`), held on a pool of its own; the turn's queries run in
 * it (turnTransaction.ts), so what the turn wrote commits with its answer or not at all.
 */
export function postgresChatTurns(turns: Pick<TurnTransactions, 'run'>): ChatTurns {
  return { run: (key, fn) => turns.run(PERSON_TURN_LOCK, chatLockKey(key), fn) };
}

/** A chat's name folded into the int4 the lock takes (FNV-1a); two chats sharing one only wait for each other. */
export function chatLockKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}
