// A chat's turn is one transaction on PostgreSQL: whatever the turn writes (the conversation
// moving on, a report draft, a relayed message) commits together with its answer, or not at
// all. A replica that dies mid-turn then leaves nothing behind, and the platform's
// redelivery of the update, to whichever replica, does the turn once, from where it was.
//
// The repositories are built once over the store's Kysely instance and know nothing of
// turns. The store's driver asks, for every query, whether it runs inside a turn (an
// AsyncLocalStorage scope that follows the turn's awaits); if so, the query goes to the
// turn's connection, and a transaction the repository opens becomes a savepoint in it.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import type { DB } from '../schema.js';

/** The turn a query runs in: its connection, and the savepoints open in it. */
interface TurnScope {
  connection: DatabaseConnection;
  savepoints: number;
  /** Set when the turn ended: a query left running after it goes to the pool, never into another turn's connection. */
  ended: boolean;
}

/** The store's driver: the pool's, except inside a turn, where everything goes to the turn's connection. */
class TurnAwareDriver implements Driver {
  constructor(
    private readonly pool: Driver,
    private readonly turns: AsyncLocalStorage<TurnScope>,
  ) {}

  private scope(connection?: DatabaseConnection): TurnScope | undefined {
    const scope = this.turns.getStore();
    if (!scope || scope.ended) return undefined;
    return connection === undefined || connection === scope.connection ? scope : undefined;
  }

  init(): Promise<void> {
    return this.pool.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(this.scope()?.connection ?? this.pool.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const scope = this.scope(connection);
    if (!scope) return this.pool.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT turn_${++scope.savepoints}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.scope(connection);
    if (!scope) return this.pool.commitTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT turn_${scope.savepoints--}`));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.scope(connection);
    if (!scope) return this.pool.rollbackTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT turn_${scope.savepoints--}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The turn's connection goes back when the turn ends, not after each of its queries.
    if (!this.scope(connection)) await this.pool.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Runs a turn as one transaction, first locking its chat, with the store's queries inside it. */
export interface TurnTransactions {
  /** Typed queries over `pool` that join the turn they are issued in. */
  readonly sql: Kysely<DB>;
  /**
   * Runs `fn` in a READ COMMITTED transaction on a connection of `locks`, after
   * `pg_advisory_xact_lock(lockClass, lockKey)`; commits if it returns, rolls back if it throws.
   * With `join: false` the lock is all: `fn`'s queries run on the pool and commit as they go.
   */
  run<T>(lockClass: number, lockKey: number, fn: () => Promise<T>, options?: { join?: boolean }): Promise<T>;
  destroy(): Promise<void>;
}

/**
 * The store's Kysely over `pool`, and turns held on `locks`: a pool of their own, so that a
 * turn waiting for its chat's lock never holds a connection the rest of the replica needs.
 */
export function turnTransactions(pool: pg.Pool, locks: pg.Pool): TurnTransactions {
  const turns = new AsyncLocalStorage<TurnScope>();
  const sql = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new TurnAwareDriver(new PostgresDriver({ pool }), turns),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const lockDriver: Driver = new PostgresDriver({ pool: locks });
  let ready: Promise<void> | undefined;

  const run = async <T>(
    lockClass: number,
    lockKey: number,
    fn: () => Promise<T>,
    options: { join?: boolean } = {},
  ): Promise<T> => {
    await (ready ??= lockDriver.init());
    const connection = await lockDriver.acquireConnection();
    const scope: TurnScope = { connection, savepoints: 0, ended: false };
    try {
      // READ COMMITTED whatever the server's default: after the lock, each statement sees what
      // the chat's previous turn committed (REPEATABLE READ would read from before the wait).
      await lockDriver.beginTransaction(connection, { isolationLevel: 'read committed' });
      let result: T;
      try {
        await connection.executeQuery(
          CompiledQuery.raw('SELECT pg_advisory_xact_lock($1::int4, $2::int4)', [lockClass, lockKey]),
        );
        // Outside any turn when not joining, even if called from inside one.
        result = await (options.join === false ? turns.exit(fn) : turns.run(scope, fn));
      } catch (error) {
        scope.ended = true;
        await lockDriver.rollbackTransaction(connection).catch(() => undefined);
        throw error;
      }
      scope.ended = true;
      await lockDriver.commitTransaction(connection);
      return result;
    } finally {
      scope.ended = true;
      await lockDriver.releaseConnection(connection);
    }
  };

  return {
    sql,
    run,
    destroy: async () => {
      await sql.destroy();
      await lockDriver.destroy();
    },
  };
}
