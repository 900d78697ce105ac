// The baseline of the dashboard benchmark: what the overview page reads to be shown, from
// the tables it reads, in one SQLite statement prepared on the raw connection (as part 2's
// baseline is): who is looking and their roles, the unit's campaign, and the numbers
// the page shows. Every part of the UNION gives the same ten columns: what it is, a code, a
// name, a kind, a parent's name, then the five counts (other facts take the free columns).
import type Database from 'better-sqlite3';

const sumsOf = (t: string) =>
  `SUM(${t}.received_total), SUM(${t}.received_online), SUM(${t}.digitized), SUM(${t}.fee_dossiers), SUM(${t}.paid_online)`;
const NO_SUMS = 'NULL, NULL, NULL, NULL, NULL';
const IN_RANGE = 'r.to_date BETWEEN @from AND @to';
// In force on the range's last day, as the page's table asks (merged units stay in the tree).
const IN_FORCE = '(u.valid_from IS NULL OR u.valid_from <= @to) AND (u.valid_to IS NULL OR u.valid_to >= @to)';

// A live session (by its id's hash) and its person's language, the person's roles, and the
// campaigns covering the unit with their definitions: what every signed-in page reads before
// its figures. (The permission needs no more for the bench's viewer, a compiler, whose role
// reaches every unit without asking the tree.)
const ACCESS = `
  SELECT 'session', s.person_id, p.locale, NULL, NULL, ${NO_SUMS} FROM web_session s JOIN person p ON p.id = s.person_id
   WHERE s.id_hash = @session AND s.ended_at IS NULL AND s.expires_at > @now
  UNION ALL
  SELECT 'role', r.unit_code, r.role, NULL, NULL, ${NO_SUMS} FROM web_session s JOIN person_role r ON r.person_id = s.person_id
   WHERE s.id_hash = @session AND s.ended_at IS NULL AND s.expires_at > @now
  UNION ALL
  SELECT 'campaign', c.id, c.starts_on, c.ends_on, c.definition, ${NO_SUMS} FROM campaign c
    JOIN unit_closure uc ON uc.ancestor_code = c.root_code WHERE uc.descendant_code = @unit
  UNION ALL`;

// The unit and its parent's name (the heading), the subtree week by week (the rates, the
// latest week, the trend), the peers' sums for the rank (units of the unit's kind under its
// parent, those without rows included: they count in "of"). Grouped by the unit's rowid:
// the parent index hands each peer's rows over in order, so nothing is sorted.
const HEADER = `
  SELECT 'unit', u.code, u.name, u.kind, p.name, ${NO_SUMS} FROM unit u LEFT JOIN unit p ON p.code = u.parent_code
   WHERE u.code = @unit
  UNION ALL
  SELECT 'week', r.week_end, NULL, NULL, NULL, ${sumsOf('r')} FROM unit_statistic_rollup r
   WHERE r.ancestor_code = @unit AND ${IN_RANGE} GROUP BY r.week_end
  UNION ALL
  SELECT 'peer', u.code, NULL, NULL, NULL, ${sumsOf('r')} FROM unit u
    LEFT JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND ${IN_RANGE}
   WHERE u.parent_code = (SELECT parent_code FROM unit WHERE code = @unit) AND u.kind = (SELECT kind FROM unit WHERE code = @unit)
   GROUP BY u.rowid`;

// The kinds of unit below in force on the range's last day (the table's kind filter), then
// the community section: household coverage, requests for a person (six sums: the ratings'
// sum takes the name's column), how guides ended.
const COMMUNITY = `
  UNION ALL
  SELECT 'kind', k.kind, NULL, NULL, NULL, ${NO_SUMS} FROM unit_kind_below k
   WHERE k.ancestor_code = @unit AND (k.valid_from IS NULL OR k.valid_from <= @to) AND (k.valid_to IS NULL OR k.valid_to >= @to)
  UNION ALL
  SELECT 'households', NULL, NULL, NULL, NULL, h.communes, h.units_recorded, h.visited, h.with_account, NULL
    FROM household_coverage_rollup h WHERE h.ancestor_code = @unit
  UNION ALL
  SELECT 'requests', NULL, NULL, NULL, SUM(t.rating_sum), SUM(t.opened), SUM(t.answered), SUM(t.waited), SUM(t.wait_ms), SUM(t.rated)
    FROM handoff_rollup t WHERE t.ancestor_code = @unit AND t.opened_day BETWEEN @from AND @to
  UNION ALL
  SELECT 'guides', g.outcome, NULL, NULL, NULL, SUM(g.count), NULL, NULL, NULL, NULL FROM guide_outcome_rollup g
   WHERE g.ancestor_code = @unit AND g.day BETWEEN @from AND @to GROUP BY g.outcome`;

/**
 * The default table: the unit's children with their subtree sums (their parent is the unit,
 * named in the 'unit' row), which also fill the parent filter.
 */
const CHILDREN_TABLE = `
  UNION ALL
  SELECT 'row', u.code, u.name, u.kind, NULL, ${sumsOf('r')} FROM unit u
    LEFT JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND ${IN_RANGE}
   WHERE u.parent_code = @unit AND ${IN_FORCE} GROUP BY u.rowid`;

/**
 * The table filtered by kind: every unit of that kind below, through the closure's key (in
 * code order, so grouping by it sorts nothing), with its parent's name; and the unit's
 * children apart, for the parent filter.
 */
const KIND_TABLE = `
  UNION ALL
  SELECT 'row', u.code, u.name, u.kind, p.name, ${sumsOf('r')} FROM unit_closure c
    JOIN unit u ON u.code = c.descendant_code
    JOIN unit p ON p.code = u.parent_code
    LEFT JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND ${IN_RANGE}
   WHERE c.ancestor_code = @unit AND c.depth >= 1 AND u.kind = @kind AND ${IN_FORCE} GROUP BY c.descendant_code
  UNION ALL
  SELECT 'child', u.code, u.name, u.kind, NULL, ${NO_SUMS} FROM unit u WHERE u.parent_code = @unit AND u.kind <> 'team'`;

export type BaselineTable = 'children' | 'kind';

export interface BaselineParams {
  /** The session id's hash, as the session table keeps it, and the moment it must be live at (ISO). */
  session: string;
  now: string;
  unit: string;
  from: string;
  to: string;
  kind: string | null;
}

export function overviewBaseline(db: Database.Database) {
  const statements = {
    children: db.prepare(`${ACCESS}${HEADER}${CHILDREN_TABLE}${COMMUNITY}`).raw(),
    kind: db.prepare(`${ACCESS}${HEADER}${KIND_TABLE}${COMMUNITY}`).raw(),
  };
  return {
    /** The rows as arrays; the first column says which part each comes from. */
    run: (table: BaselineTable, params: BaselineParams): unknown[][] => {
      const { kind, ...rest } = params;
      return (table === 'kind' ? statements.kind.all({ ...rest, kind }) : statements.children.all(rest)) as unknown[][];
    },
  };
}
