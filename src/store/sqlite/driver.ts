// Kysely's driver for the one better-sqlite3 connection. Kysely's own SqliteDriver guards
// the connection with a mutex that wakes every waiter at each release (the outbox worker
// queues a few hundred writes at once: each release then costs as many wake-ups), and
// prepares each statement on every call; this one hands the connection to the waiters in
// turn, first come first served, and reuses prepared statements.
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode } from 'kysely';
import type { Db } from '../database.js';
import { statement } from '../statements.js';

/** The connection lent to one caller at a time, in the order they asked. */
class ConnectionQueue {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** True when nobody holds the connection or waits for it. */
  get free(): boolean {
    return !this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    // Handed straight to the next caller: the connection stays held, nobody can cut in.
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

class BetterSqliteConnection implements DatabaseConnection {
  constructor(private readonly db: Db) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const prepared = statement(this.db, compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (prepared.reader) return Promise.resolve({ rows: prepared.all(parameters) as R[] });
    const { changes, lastInsertRowid } = prepared.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
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
   * Runs `compiled` at once when the connection is free, as acquiring it, running and
   * releasing would, without the round of promises in between; undefined when someone holds
   * it (an open transaction), so the caller queues the usual way.
   */
  runNow<R>(compiled: CompiledQuery): Promise<QueryResult<R>> | undefined {
    return this.queue.free ? this.connection.executeQuery<R>(compiled) : undefined;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.queue.acquire();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.queue.release();
  }

  async destroy(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
