// Mirrors src/store/migrations/014_community_rollup.ts: household coverage, requests for a
// person and guide outcomes summed per subtree, kept equal to their tables by triggers.
//
// Where PostgreSQL differs:
// - SQLite's julianday() becomes iso_time_ms() below, which reads the same strings to the
//   same millisecond and gives NULL where julianday does, instead of a cast that would throw.
// - Booleans are counted with ::int (SQLite adds them as 0/1).
// - units_recorded depends on whether a unit had other areas before the change. SQLite runs
//   a row trigger right after its row; PostgreSQL runs AFTER row triggers once the whole
//   statement is done, when each would see its siblings' rows. So household_coverage is
//   followed by statement triggers that compare the unit's rows before and after.
// - As in 011: a statement that changes unit_closure rebuilds the roll-ups itself (SQLite's
//   application calls src/store/community/rollup.ts), and TRUNCATE rebuilds them.
export default {
  version: 14,
  name: 'community_rollup',
  sql: `
-- Milliseconds since 1970 of a time as SQLite's julianday() reads it: YYYY-MM-DD, then
-- optionally HH:MM[:SS[.fff]] and Z or +-HH:MM (UTC when absent), with SQLite's ranges and
-- its roll-over of a day past the month's end. NULL for anything else, as julianday gives,
-- except years 0000 and a bare Julian day number, which nothing here writes.
CREATE FUNCTION iso_time_ms(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  p text[] := regexp_match(t,
    '^(\\d{4})-(\\d\\d)-(\\d\\d)(?:[T\\s]*|[T\\s]*(\\d\\d):(\\d\\d)(?::(\\d\\d(?:\\.\\d+)?))?\\s*(?:[Zz]|([+-])(\\d\\d):(\\d\\d))?\\s*)$');
BEGIN
  IF p IS NULL OR p[1]::int < 1 OR p[2]::int NOT BETWEEN 1 AND 12 OR p[3]::int NOT BETWEEN 1 AND 31
     OR p[4]::int > 24 OR p[5]::int > 59 OR p[6]::numeric >= 60 OR p[8]::int > 14 OR p[9]::int > 59 THEN
    RETURN NULL;
  END IF;
  RETURN (make_date(p[1]::int, p[2]::int, 1) + (p[3]::int - 1) - date '1970-01-01')::bigint * 86400000
    + COALESCE(p[4]::int * 3600000 + p[5]::int * 60000, 0)
    + round(COALESCE(p[6]::numeric, 0) * 1000)::bigint
    - CASE p[7] WHEN '+' THEN 1 WHEN '-' THEN -1 ELSE 0 END * (COALESCE(p[8]::int, 0) * 60 + COALESCE(p[9]::int, 0)) * 60000;
END $$;

-- One row per unit, its subtree's figures. The communes beneath change only with the tree.
CREATE TABLE household_coverage_rollup (
  ancestor_code  TEXT PRIMARY KEY REFERENCES unit(code),
  -- communes in the subtree (the unit itself included)
  communes       INTEGER NOT NULL,
  -- units in the subtree with at least one area recorded
  units_recorded INTEGER NOT NULL,
  visited        INTEGER NOT NULL,
  with_account   INTEGER NOT NULL
);

-- Requests for a person per subtree and opening day, waits in whole milliseconds.
CREATE TABLE handoff_rollup (
  ancestor_code TEXT NOT NULL REFERENCES unit(code),
  opened_day    TEXT NOT NULL,
  -- requests summed here; the row goes when none is left
  opened        INTEGER NOT NULL,
  answered      INTEGER NOT NULL,
  -- requests with a wait (both times readable), and the waits' sum
  waited        INTEGER NOT NULL,
  -- BIGINT: SQLite's INTEGER is 64-bit, and a day's waits in a large subtree pass 2^31 ms
  -- (25 days). node-postgres hands BIGINT back as a string unless told otherwise.
  wait_ms       BIGINT NOT NULL,
  rated         INTEGER NOT NULL,
  rating_sum    INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, opened_day)
);

-- How guides ended per subtree, day and outcome (unit_code '' belongs to no subtree).
CREATE TABLE guide_outcome_rollup (
  ancestor_code TEXT NOT NULL REFERENCES unit(code),
  day           TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  -- the row goes when it falls to 0
  count         INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, day, outcome)
);

CREATE FUNCTION rebuild_community_rollups() RETURNS void LANGUAGE sql AS $$
  DELETE FROM household_coverage_rollup;
  INSERT INTO household_coverage_rollup (ancestor_code, communes, units_recorded, visited, with_account)
    SELECT c.ancestor_code, COUNT(*) FILTER (WHERE u.kind = 'commune'), COUNT(h.unit_code),
           COALESCE(SUM(h.visited), 0), COALESCE(SUM(h.with_account), 0)
      FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
      LEFT JOIN (SELECT unit_code, SUM(visited) AS visited, SUM(with_account) AS with_account
                   FROM household_coverage GROUP BY unit_code) h ON h.unit_code = c.descendant_code
     GROUP BY c.ancestor_code;
  DELETE FROM handoff_rollup;
  INSERT INTO handoff_rollup (ancestor_code, opened_day, opened, answered, waited, wait_ms, rated, rating_sum)
    SELECT c.ancestor_code, t.opened_day, COUNT(*), COUNT(t.first_answer_at), COUNT(w.ms),
           COALESCE(SUM(w.ms), 0), COUNT(t.rating), COALESCE(SUM(t.rating), 0)
      FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code
      CROSS JOIN LATERAL (SELECT iso_time_ms(t.first_answer_at) - iso_time_ms(t.opened_at) AS ms) w
     GROUP BY c.ancestor_code, t.opened_day;
  DELETE FROM guide_outcome_rollup;
  INSERT INTO guide_outcome_rollup (ancestor_code, day, outcome, count)
    SELECT c.ancestor_code, g.day, g.outcome, SUM(g.count)
      FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code
     GROUP BY c.ancestor_code, g.day, g.outcome;
$$;

SELECT rebuild_community_rollups();

-- Per unit, the statement's net change of the sums and of its areas; units_recorded moves
-- when the unit has areas now and had none before (its rows now, less those the statement
-- added), or the other way round. The changed rows come from the transition tables, which
-- exist per event, hence the statement is put together here.
CREATE FUNCTION household_coverage_rollup_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH d(unit_code, visited, with_account, n) AS (%s),
    per_unit AS (
      SELECT unit_code, SUM(visited) AS visited, SUM(with_account) AS with_account, SUM(n) AS n,
             (SELECT COUNT(*) FROM household_coverage h WHERE h.unit_code = d.unit_code) AS now_rows
        FROM d GROUP BY unit_code
    ),
    per_ancestor AS (
      SELECT c.ancestor_code, SUM(p.visited) AS visited, SUM(p.with_account) AS with_account,
             SUM((p.now_rows > 0)::int - (p.now_rows - p.n > 0)::int) AS recorded
        FROM per_unit p JOIN unit_closure c ON c.descendant_code = p.unit_code
       GROUP BY c.ancestor_code
    )
    UPDATE household_coverage_rollup r SET
      visited = r.visited + s.visited,
      with_account = r.with_account + s.with_account,
      units_recorded = r.units_recorded + s.recorded
      FROM per_ancestor s
     WHERE r.ancestor_code = s.ancestor_code AND (s.visited <> 0 OR s.with_account <> 0 OR s.recorded <> 0)$q$,
    CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT unit_code, visited, with_account, 1 FROM new_rows'
      WHEN 'DELETE' THEN 'SELECT unit_code, -visited, -with_account, -1 FROM old_rows'
      ELSE 'SELECT unit_code, visited, with_account, 1 FROM new_rows
            UNION ALL SELECT unit_code, -visited, -with_account, -1 FROM old_rows'
    END);
  RETURN NULL;
END $$;

CREATE TRIGGER household_coverage_rollup_add AFTER INSERT ON household_coverage
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_coverage_rollup_follow();
CREATE TRIGGER household_coverage_rollup_remove AFTER DELETE ON household_coverage
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_coverage_rollup_follow();
-- Both of SQLite's update triggers (figures changed, area moved to another unit). A trigger
-- with transition tables may not name columns, so it runs on every UPDATE; one that moves
-- no figure changes nothing.
CREATE TRIGGER household_coverage_rollup_change AFTER UPDATE ON household_coverage
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION household_coverage_rollup_follow();
CREATE TRIGGER household_coverage_rollup_truncate AFTER TRUNCATE ON household_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');

CREATE FUNCTION handoff_rollup_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_wait bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    row_wait := iso_time_ms(OLD.first_answer_at) - iso_time_ms(OLD.opened_at);
    UPDATE handoff_rollup SET
      opened = opened - 1,
      answered = answered - (OLD.first_answer_at IS NOT NULL)::int,
      waited = waited - (row_wait IS NOT NULL)::int,
      wait_ms = wait_ms - COALESCE(row_wait, 0),
      rated = rated - (OLD.rating IS NOT NULL)::int,
      rating_sum = rating_sum - COALESCE(OLD.rating, 0)
    WHERE opened_day = OLD.opened_day
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
    DELETE FROM handoff_rollup WHERE opened_day = OLD.opened_day AND opened = 0
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    row_wait := iso_time_ms(NEW.first_answer_at) - iso_time_ms(NEW.opened_at);
    INSERT INTO handoff_rollup AS r (ancestor_code, opened_day, opened, answered, waited, wait_ms, rated, rating_sum)
      SELECT c.ancestor_code, NEW.opened_day, 1, (NEW.first_answer_at IS NOT NULL)::int, (row_wait IS NOT NULL)::int,
             COALESCE(row_wait, 0), (NEW.rating IS NOT NULL)::int, COALESCE(NEW.rating, 0)
        FROM unit_closure c WHERE c.descendant_code = NEW.unit_code
    ON CONFLICT (ancestor_code, opened_day) DO UPDATE SET
      opened = r.opened + 1,
      answered = r.answered + EXCLUDED.answered,
      waited = r.waited + EXCLUDED.waited,
      wait_ms = r.wait_ms + EXCLUDED.wait_ms,
      rated = r.rated + EXCLUDED.rated,
      rating_sum = r.rating_sum + EXCLUDED.rating_sum;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER handoff_rollup_add AFTER INSERT ON handoff_ticket
  FOR EACH ROW EXECUTE FUNCTION handoff_rollup_follow();
CREATE TRIGGER handoff_rollup_remove AFTER DELETE ON handoff_ticket
  FOR EACH ROW EXECUTE FUNCTION handoff_rollup_follow();
-- Relaying a message names first_answer_at in its UPDATE every time: only a real change
-- of a counted column moves the sums.
CREATE TRIGGER handoff_rollup_change
  AFTER UPDATE OF unit_code, opened_day, opened_at, first_answer_at, rating ON handoff_ticket
  FOR EACH ROW
  WHEN (OLD.unit_code IS DISTINCT FROM NEW.unit_code OR OLD.opened_day IS DISTINCT FROM NEW.opened_day
        OR OLD.opened_at IS DISTINCT FROM NEW.opened_at OR OLD.first_answer_at IS DISTINCT FROM NEW.first_answer_at
        OR OLD.rating IS DISTINCT FROM NEW.rating)
  EXECUTE FUNCTION handoff_rollup_follow();
CREATE TRIGGER handoff_rollup_truncate AFTER TRUNCATE ON handoff_ticket
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');

CREATE FUNCTION guide_outcome_rollup_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Counting one more outcome (the usual update) moves one figure.
  IF TG_OP = 'UPDATE' AND OLD.unit_code = NEW.unit_code AND OLD.day = NEW.day AND OLD.outcome = NEW.outcome THEN
    UPDATE guide_outcome_rollup SET count = count - OLD.count + NEW.count
    WHERE day = NEW.day AND outcome = NEW.outcome
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = NEW.unit_code);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE guide_outcome_rollup SET count = count - OLD.count
    WHERE day = OLD.day AND outcome = OLD.outcome
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
    DELETE FROM guide_outcome_rollup WHERE day = OLD.day AND outcome = OLD.outcome AND count = 0
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO guide_outcome_rollup AS r (ancestor_code, day, outcome, count)
      SELECT c.ancestor_code, NEW.day, NEW.outcome, NEW.count FROM unit_closure c WHERE c.descendant_code = NEW.unit_code
    ON CONFLICT (ancestor_code, day, outcome) DO UPDATE SET count = r.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER guide_outcome_rollup_add AFTER INSERT ON guide_outcome
  FOR EACH ROW EXECUTE FUNCTION guide_outcome_rollup_follow();
CREATE TRIGGER guide_outcome_rollup_remove AFTER DELETE ON guide_outcome
  FOR EACH ROW EXECUTE FUNCTION guide_outcome_rollup_follow();
CREATE TRIGGER guide_outcome_rollup_change AFTER UPDATE ON guide_outcome
  FOR EACH ROW WHEN (OLD.unit_code = NEW.unit_code AND OLD.day = NEW.day AND OLD.outcome = NEW.outcome)
  EXECUTE FUNCTION guide_outcome_rollup_follow();
CREATE TRIGGER guide_outcome_rollup_move AFTER UPDATE ON guide_outcome
  FOR EACH ROW WHEN (OLD.unit_code <> NEW.unit_code OR OLD.day <> NEW.day OR OLD.outcome <> NEW.outcome)
  EXECUTE FUNCTION guide_outcome_rollup_follow();
CREATE TRIGGER guide_outcome_rollup_truncate AFTER TRUNCATE ON guide_outcome
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');

CREATE TRIGGER community_rollups_tree_insert AFTER INSERT ON unit_closure
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');
CREATE TRIGGER community_rollups_tree_update AFTER UPDATE ON unit_closure
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');
CREATE TRIGGER community_rollups_tree_delete AFTER DELETE ON unit_closure
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');
CREATE TRIGGER community_rollups_tree_truncate AFTER TRUNCATE ON unit_closure
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_community_rollups');
`,
};
