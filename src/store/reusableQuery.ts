// Kysely builds and compiles a query anew on every call; for the short indexed queries of a
// message turn or a /tiendo reply that costs several times running them. A query whose SQL
// depends only on its shape is built once here, with placeholders where its arguments go,
// and each later call only swaps the arguments in.
import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely';
import type { DB } from './schema.js';
import { runOnSqlite, sqliteTransaction } from './sqlite/kysely.js';

/** Where a compiled parameter comes from: an argument (by index) or the query's own constant. */
type Slot = { argument: number } | { constant: unknown };

/** What runs a compiled query: the store's Kysely instance or an open transaction. */
export type QueryRunner = Pick<Kysely<DB> | Transaction<DB>, 'executeQuery'>;

const placeholder = (i: number) => `\u0000arg${i}\u0000`;

/** A compiled query run with new arguments: on the store, or `.in(trx, ...)` inside a transaction. */
export interface ReusableQuery<A extends unknown[], R> {
  (...args: A): Promise<R[]>;
  in(runner: QueryRunner, ...args: A): Promise<QueryResult<R>>;
}

/**
 * A query compiled on first use and reused after: `build` must give the same SQL for any
 * arguments (no `$if` on them, no lists of varying length), and use each argument only as a
 * value (a parameter), never inside SQL text or as `null` in a comparison.
 */
export function reusableQuery<A extends unknown[], R>(db: Kysely<DB>, build: (...args: A) => Compilable<R>): ReusableQuery<A, R> {
  let compiled: { query: CompiledQuery<R>; slots: Slot[] } | undefined;
  const compile = (arity: number) => {
    const query = build(...(Array.from({ length: arity }, (_, i) => placeholder(i)) as A)).compile();
    const slots = query.parameters.map((value): Slot => {
      const index = typeof value === 'string' ? Array.from({ length: arity }, (_, i) => placeholder(i)).indexOf(value) : -1;
      if (index >= 0) return { argument: index };
      if (typeof value === 'string' && value.includes('\u0000'))
        throw new Error('an argument of a reusable query was changed, not passed as a value');
      return { constant: value };
    });
    return { query, slots };
  };
  const run = (runner: QueryRunner, args: A): Promise<QueryResult<R>> => {
    compiled ??= compile(args.length);
    const parameters = compiled.slots.map((slot) => ('argument' in slot ? args[slot.argument] : slot.constant));
    const query = { ...compiled.query, parameters };
    // On SQLite, straight to the statement (in its turn for the connection): a turn runs a
    // dozen of these, and Kysely's executor costs more promises than the query itself.
    return runOnSqlite<R>(runner, query) ?? runner.executeQuery<R>(query);
  };
  const query = async (...args: A): Promise<R[]> => (await run(db, args)).rows;
  return Object.assign(query, { in: (runner: QueryRunner, ...args: A) => run(runner, args) });
}

/**
 * A reusable query for module-level functions that run on the store or inside a transaction:
 * compiled once per SQL dialect (tests run SQLite and PostgreSQL in one process).
 */
export function sharedQuery<A extends unknown[], R>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<R>,
): (db: Kysely<DB>, ...args: A) => Promise<QueryResult<R>> {
  const byDialect = new Map<unknown, ReusableQuery<A, R>>();
  return (db, ...args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let query = byDialect.get(dialect);
    if (!query) byDialect.set(dialect, (query = reusableQuery(db, (...a: A) => build(db, ...a))));
    return query.in(db, ...args);
  };
}

/**
 * `db.transaction().execute(work)`; on SQLite, the driver's own transaction instead, which
 * holds the connection for fewer rounds of promises and runs the reusable queries of `work`
 * straight on it. For transactions on a hot path: a message turn's. `trx` is valid only
 * until `work` returns.
 */
export function transaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return sqliteTransaction(db, work) ?? db.transaction().execute(work);
}
