// The unit closure: every (ancestor, descendant) pair, the unit itself at depth 0, rebuilt
// from the parent links whenever the tree changes. A recursive CTE, which the query builder
// cannot say; the same text runs on SQLite and PostgreSQL.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.js';

const CLOSURE_CLEAR = 'DELETE FROM unit_closure';
const CLOSURE_FILL = `WITH RECURSIVE up(descendant_code, ancestor_code, depth) AS (
      SELECT code, code, 0 FROM unit
      UNION ALL
      SELECT up.descendant_code, u.parent_code, up.depth + 1
        FROM up JOIN unit u ON u.code = up.ancestor_code
        WHERE u.parent_code IS NOT NULL AND up.depth < 64
    )
    INSERT INTO unit_closure (ancestor_code, descendant_code, depth)
      SELECT ancestor_code, descendant_code, depth FROM up`;

/** Both statements as one script, for a client that runs several at once (the PostgreSQL schema test). */
export const CLOSURE_REBUILD = `${CLOSURE_CLEAR};\n    ${CLOSURE_FILL};`;

/** Recomputes the closure from the parent links; `db` is the transaction that changed them. */
export async function rebuildClosure(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('unit_closure').execute();
  await sql.raw(CLOSURE_FILL).execute(db);
}
