// The unit closure: every (ancestor, descendant) pair, the unit itself at depth 0, rebuilt
// from the parent links whenever the tree changes, with the kinds of unit below each unit.
// A recursive CTE, which the query builder cannot say; the same text runs on SQLite and
// PostgreSQL.
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

/**
 * Which kinds of unit lie below each unit, with the first and last day some unit of that
 * kind is in force there (NULL where one is open-ended): the dashboard's filter reads it by
 * key instead of walking a subtree.
 */
const KINDS_BELOW_FILL = `INSERT INTO unit_kind_below (ancestor_code, kind, valid_from, valid_to)
    SELECT c.ancestor_code, u.kind,
           CASE WHEN COUNT(u.valid_from) < COUNT(*) THEN NULL ELSE MIN(u.valid_from) END,
           CASE WHEN COUNT(u.valid_to) < COUNT(*) THEN NULL ELSE MAX(u.valid_to) END
      FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
     WHERE c.depth >= 1
     GROUP BY c.ancestor_code, u.kind`;

/**
 * Recomputes the closure, and the kinds below each unit, from the units and their parent
 * links; `db` is the transaction that changed them.
 */
export async function rebuildClosure(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('unit_closure').execute();
  await sql.raw(CLOSURE_FILL).execute(db);
  await db.deleteFrom('unit_kind_below').execute();
  await sql.raw(KINDS_BELOW_FILL).execute(db);
}
