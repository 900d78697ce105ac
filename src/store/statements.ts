// Statements prepared once per connection and reused: preparing parses and plans the SQL,
// which costs more than running a short indexed query (/tiendo runs a dozen of them).
// Only the compiled statement is kept, never a result.
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

const byConnection = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on this connection, prepared on first use. Callers share it, so
 * none may switch its mode (`raw`, `pluck`, `expand`) or leave an iterator open.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let prepared = byConnection.get(db);
  if (!prepared) byConnection.set(db, (prepared = new Map<string, Database.Statement>()));
  let found = prepared.get(sql);
  if (!found) prepared.set(sql, (found = db.prepare(sql)));
  return found;
}
