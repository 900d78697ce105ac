// Kysely's driver for the one better-sqlite3 connection. Kysely's own SqliteDriver guards
// the connection with a mutex that wakes every waiter at each release (the outbox worker
// queues a few hundred writes at once: each release then costs as many wake-ups), and
// prepares each statement on every call; this one hands the connection to the waiters in
// turn, first come first served, and reuses prepared statements.
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode } from 'kysely';
import type { Db } from '../database.js';
import { statement } from '../statements.js';

const BEGIN = CompiledQuery.raw('begin');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const done = () => undefined;

/** Who waits for the connection: a holder (a transaction, Kysely's executor), or one statement. */
type Waiter = { hold: () => void } | { run: () => void };

/** The connection lent to one caller at a time, in the order they asked. */
class ConnectionQueue {
  private held = false;
  private readonly waiting: Waiter[] = [];

  /** True when nobody holds the connection or waits for it. */
  get free(): boolean {
    return !this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((hold) => this.waiting.push({ hold }));
  }

  /** Runs `statement` (synchronous) with the connection: now when it is free, otherwise in its turn. */
  runInTurn(statement: () => void): void {
    if (this.held) this.waiting.push({ run: statement });
    else statement();
  }

  release(): void {
    // Statements waiting run here, in their turn, rather than each being woken by a promise:
    // were the connection held for them until they wake, every query arriving meanwhile
    // would queue too, and under load the queue would never empty.
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      // Handed straight to the next holder: the connection stays held, nobody can cut in.
      if ('hold' in next) return next.hold();
      next.run();
    }
    this.held = false;
  }
}

class BetterSqliteConnection implements DatabaseConnection {
  constructor(private readonly db: Db) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const prepared = statement(this.db, compiled.sql);
      const parameters = compiled.parameters as unknown[];
      if (prepared.reader) return Promise.resolve({ rows: prepared.all(parameters) as R[] });
      const { changes, lastInsertRowid } = prepared.run(parameters);
      return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
    } catch (error) {
      // A rejected promise, never a throw: callers outside Kysely's async executor rely on it.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Runs a statement that returns no rows (BEGIN, COMMIT) at once. */
  runNow(compiled: CompiledQuery): void {
    statement(this.db, compiled.sql).run(compiled.parameters);
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite streams select queries only');
    // A statement of its own: the shared ones must never be left with an iterator open.
    for (const row of this.db.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

/** Kysely's driver over one open better-sqlite3 connection; destroying it closes the file. */
export class BetterSqliteDriver implements Driver {
  private readonly queue = new ConnectionQueue();
  private readonly connection: BetterSqliteConnection;

  constructor(private readonly db: Db) {
    this.connection = new BetterSqliteConnection(db);
  }

  async init(): Promise<void> {}

  /**
   * Runs `compiled` as acquiring the connection, running and releasing would, without
   * Kysely's rounds of promises: at once when the connection is free, otherwise in its turn
   * behind the callers already waiting (under load, behind an open transaction is common).
   */
  run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.queue.free) return this.connection.executeQuery<R>(compiled);
    return new Promise((resolve) => this.queue.runInTurn(() => resolve(this.connection.executeQuery<R>(compiled))));
  }

  /** True from the BEGIN to the COMMIT or ROLLBACK of a transaction run by `transaction`. */
  private transactionOpen = false;

  /**
   * Runs `work` in a transaction, as Kysely's transaction() would without its rounds of
   * promises, during which the connection stays held and everyone else's queries queue:
   * here it is held from BEGIN to COMMIT (or ROLLBACK) only. `work` is given `held`, the
   * Kysely instance on `heldDriver`, whose queries run on the connection the transaction holds.
   */
  async transaction<T, K>(held: K, work: (trx: K) => Promise<T>): Promise<T> {
    await this.queue.acquire();
    try {
      this.connection.runNow(BEGIN);
      this.transactionOpen = true;
      try {
        const result = await work(held);
        this.connection.runNow(COMMIT);
        return result;
      } catch (error) {
        // As Kysely's: a failed COMMIT rolls back too (unless SQLite already did).
        if (this.db.inTransaction) this.connection.runNow(ROLLBACK);
        throw error;
      }
    } finally {
      this.transactionOpen = false;
      this.queue.release();
    }
  }

  /** Runs `compiled` for the open transaction (see transaction); undefined when none is open. */
  runHeld<R>(compiled: CompiledQuery): Promise<QueryResult<R>> | undefined {
    return this.transactionOpen ? this.connection.executeQuery<R>(compiled) : undefined;
  }

  /**
   * The driver of the Kysely instance a transaction's work runs on: the connection the
   * transaction holds, lent without queueing, and only while it is open.
   */
  readonly heldDriver: Driver = {
    init: async () => {},
    acquireConnection: () =>
      this.transactionOpen ? Promise.resolve(this.connection) : Promise.reject(new Error('the transaction has ended')),
    beginTransaction: () => Promise.reject(new Error('no transaction inside a transaction')),
    commitTransaction: () => Promise.reject(new Error('the transaction commits when its work returns')),
    rollbackTransaction: () => Promise.reject(new Error('the transaction rolls back when its work throws')),
    releaseConnection: async () => {},
    destroy: async () => {},
  };

  // Not async, and the statements compiled once: every message turn runs a transaction,
  // which holds the connection (and everyone queued behind it) for each round of promises.

  acquireConnection(): Promise<DatabaseConnection> {
    return this.queue.acquire().then(() => this.connection);
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return connection.executeQuery(BEGIN).then(done);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return connection.executeQuery(COMMIT).then(done);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return connection.executeQuery(ROLLBACK).then(done);
  }

  releaseConnection(): Promise<void> {
    this.queue.release();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
