// The newest migration a database has had, for operators upgrading replicas one by one.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** The highest migration version recorded; 0 for a database never migrated. */
export async function schemaVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
