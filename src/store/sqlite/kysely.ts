// Kysely over the embedded SQLite file: the same typed queries as on PostgreSQL. Each SQL
// text is prepared once per connection (Kysely's own driver prepares it on every call,
// which costs more than running a short indexed query).
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from '../database.js';
import type { DB } from '../schema.js';
import { statement } from '../statements.js';

/** Typed queries on an open SQLite connection; closing the Kysely instance closes the file. */
export function sqliteKysely(db: Db): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new SqliteDialect({
      database: {
        prepare: (sql: string) => statement(db, sql),
        close: () => {
          if (db.open) db.close();
        },
      },
    }),
  });
}
