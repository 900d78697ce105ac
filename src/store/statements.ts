// Statements prepared once per connection and reused: preparing parses and plans the SQL,
// which costs more than running a short indexed query (/tiendo runs a dozen of them).
// Only the compiled statement is kept, never a result.
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

const byConnection = new WeakMap<Db, Map<string, Database.Statement>>();
const MAX_STATEMENTS = 1000;

/**
 * The statement for `sql` on this connection, prepared on first use. Callers share it, so
 * none may switch its mode (`raw`, `pluck`, `expand`) or leave an iterator open.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let prepared = byConnection.get(db);
  if (!prepared) byConnection.set(db, (prepared = new Map<string, Database.Statement>()));
  let found = prepared.get(sql);
  if (!found) {
    // A query built with a list of values (`IN (?, ?, …)`) has a text per list length: the
    // cache starts again rather than grow without end.
    if (prepared.size >= MAX_STATEMENTS) prepared.clear();
    prepared.set(sql, (found = db.prepare(sql)));
  }
  return found;
}
