// Statements prepared once per connection and reused: preparing parses and plans the SQL,
// which costs more than running a short indexed query (/tiendo runs a dozen of them).
// Only the compiled statement is kept, never a result.
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/** A prepared statement as the driver runs it. */
export interface Prepared {
  /** True when it returns rows (a SELECT, or a write with RETURNING). */
  readonly reader: boolean;
  /** Its rows, each an object keyed by column name (the last of two columns of one name wins). */
  all(parameters: readonly unknown[]): Record<string, unknown>[];
  run(parameters: readonly unknown[]): Database.RunResult;
}

/**
 * A reader's rows are read as arrays and named here: better-sqlite3 builds each row object
 * through V8's C++ API, a property at a time, which for 50 rows of six columns costs more
 * than SQLite's whole search (measured 71 µs as objects, 48 µs as arrays named here).
 */
function prepare(db: Db, sql: string): Prepared {
  const compiled = db.prepare(sql);
  if (!compiled.reader) return { reader: false, all: () => [], run: (parameters) => compiled.run(parameters) };
  compiled.raw(true);
  let names = compiled.columns().map((c) => c.name);
  const named = (values: unknown[]): Record<string, unknown> => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  };
  return {
    reader: true,
    all: (parameters) => {
      const rows = compiled.all(parameters) as unknown[][];
      // A `select *` gains a column when another process migrates the file: SQLite prepares
      // the statement again, so its names are read again.
      if (rows.length > 0 && rows[0]!.length !== names.length) names = compiled.columns().map((c) => c.name);
      return rows.map(named);
    },
    run: (parameters) => compiled.run(parameters),
  };
}

const byConnection = new WeakMap<Db, Map<string, Prepared>>();
const MAX_STATEMENTS = 1000;

/** The statement for `sql` on this connection, prepared on first use and shared by its callers. */
export function statement(db: Db, sql: string): Prepared {
  let prepared = byConnection.get(db);
  if (!prepared) byConnection.set(db, (prepared = new Map<string, Prepared>()));
  let found = prepared.get(sql);
  if (!found) {
    // A query built with a list of values (`IN (?, ?, …)`) has a text per list length: the
    // cache starts again rather than grow without end.
    if (prepared.size >= MAX_STATEMENTS) prepared.clear();
    prepared.set(sql, (found = prepare(db, sql)));
  }
  return found;
}
