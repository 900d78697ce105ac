// The community section of /tiendo summed per subtree, as migration 011 does for the
// statistics: household coverage per unit, requests for a person and guide outcomes per
// unit and day. A country's /tiendo then reads a row or a few hundred instead of joining
// every request, area and outcome through its 10.000 closure rows. Triggers keep each
// roll-up equal to its table whoever writes there (by upsert, not INSERT OR REPLACE: SQLite
// fires no delete trigger for a replaced row); a change of the tree itself rebuilds them
// (src/store/community/rollup.ts, run with every change of the tree).

/** A request's wait in whole milliseconds, NULL while unanswered. */
const waitMs = (t: string) => `CAST(ROUND((julianday(${t}.first_answer_at) - julianday(${t}.opened_at)) * 86400000) AS INTEGER)`;

const addTicket = `INSERT INTO handoff_rollup
    SELECT c.ancestor_code, NEW.opened_day, 1, NEW.first_answer_at IS NOT NULL, ${waitMs('NEW')} IS NOT NULL,
           COALESCE(${waitMs('NEW')}, 0), NEW.rating IS NOT NULL, COALESCE(NEW.rating, 0)
      FROM unit_closure c WHERE c.descendant_code = NEW.unit_code AND true
  ON CONFLICT(ancestor_code, opened_day) DO UPDATE SET
    opened = opened + 1,
    answered = answered + excluded.answered,
    waited = waited + excluded.waited,
    wait_ms = wait_ms + excluded.wait_ms,
    rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum;`;

const removeTicket = `UPDATE handoff_rollup SET
    opened = opened - 1,
    answered = answered - (OLD.first_answer_at IS NOT NULL),
    waited = waited - (${waitMs('OLD')} IS NOT NULL),
    wait_ms = wait_ms - COALESCE(${waitMs('OLD')}, 0),
    rated = rated - (OLD.rating IS NOT NULL),
    rating_sum = rating_sum - COALESCE(OLD.rating, 0)
  WHERE opened_day = OLD.opened_day
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  DELETE FROM handoff_rollup WHERE opened_day = OLD.opened_day AND opened = 0
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);`;

export default {
  version: 14,
  name: 'community_rollup',
  sql: `
-- One row per unit, its subtree's figures. The communes beneath change only with the tree.
CREATE TABLE household_coverage_rollup (
  ancestor_code  TEXT PRIMARY KEY REFERENCES unit(code),
  -- communes in the subtree (the unit itself included)
  communes       INTEGER NOT NULL,
  -- units in the subtree with at least one area recorded
  units_recorded INTEGER NOT NULL,
  visited        INTEGER NOT NULL,
  with_account   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO household_coverage_rollup
  SELECT c.ancestor_code, SUM(u.kind = 'commune'), COUNT(h.unit_code), COALESCE(SUM(h.visited), 0),
         COALESCE(SUM(h.with_account), 0)
    FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
    LEFT JOIN (SELECT unit_code, SUM(visited) AS visited, SUM(with_account) AS with_account
                 FROM household_coverage GROUP BY unit_code) h ON h.unit_code = c.descendant_code
   GROUP BY c.ancestor_code;

CREATE TRIGGER household_coverage_rollup_add AFTER INSERT ON household_coverage
BEGIN
  UPDATE household_coverage_rollup SET
    visited = visited + NEW.visited,
    with_account = with_account + NEW.with_account,
    units_recorded = units_recorded
      + NOT EXISTS (SELECT 1 FROM household_coverage WHERE unit_code = NEW.unit_code AND area_key <> NEW.area_key)
  WHERE ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = NEW.unit_code);
END;

CREATE TRIGGER household_coverage_rollup_remove AFTER DELETE ON household_coverage
BEGIN
  UPDATE household_coverage_rollup SET
    visited = visited - OLD.visited,
    with_account = with_account - OLD.with_account,
    units_recorded = units_recorded - NOT EXISTS (SELECT 1 FROM household_coverage WHERE unit_code = OLD.unit_code)
  WHERE ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
END;

CREATE TRIGGER household_coverage_rollup_change AFTER UPDATE OF visited, with_account ON household_coverage
  WHEN OLD.unit_code = NEW.unit_code
BEGIN
  UPDATE household_coverage_rollup SET
    visited = visited - OLD.visited + NEW.visited,
    with_account = with_account - OLD.with_account + NEW.with_account
  WHERE ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = NEW.unit_code);
END;

-- An area moved to another unit: out of the old subtree, into the new one.
CREATE TRIGGER household_coverage_rollup_move AFTER UPDATE OF unit_code ON household_coverage
  WHEN OLD.unit_code IS NOT NEW.unit_code
BEGIN
  UPDATE household_coverage_rollup SET
    visited = visited - OLD.visited,
    with_account = with_account - OLD.with_account,
    units_recorded = units_recorded - NOT EXISTS (SELECT 1 FROM household_coverage WHERE unit_code = OLD.unit_code)
  WHERE ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  UPDATE household_coverage_rollup SET
    visited = visited + NEW.visited,
    with_account = with_account + NEW.with_account,
    units_recorded = units_recorded
      + NOT EXISTS (SELECT 1 FROM household_coverage WHERE unit_code = NEW.unit_code AND area_key <> NEW.area_key)
  WHERE ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = NEW.unit_code);
END;

-- Requests for a person per subtree and opening day. A wait is kept in whole milliseconds
-- (the times are ISO strings to the millisecond), so the sums stay exact under any change.
CREATE TABLE handoff_rollup (
  ancestor_code TEXT NOT NULL REFERENCES unit(code),
  opened_day    TEXT NOT NULL,
  -- requests summed here; the row goes when none is left
  opened        INTEGER NOT NULL,
  answered      INTEGER NOT NULL,
  -- requests with a wait (both times readable), and the waits' sum
  waited        INTEGER NOT NULL,
  wait_ms       INTEGER NOT NULL,
  rated         INTEGER NOT NULL,
  rating_sum    INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, opened_day)
) WITHOUT ROWID;

INSERT INTO handoff_rollup
  SELECT c.ancestor_code, t.opened_day, COUNT(*), COUNT(t.first_answer_at), COUNT(${waitMs('t')}),
         COALESCE(SUM(${waitMs('t')}), 0), COUNT(t.rating), COALESCE(SUM(t.rating), 0)
    FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code
   GROUP BY c.ancestor_code, t.opened_day;

CREATE TRIGGER handoff_rollup_add AFTER INSERT ON handoff_ticket
BEGIN
  ${addTicket}
END;

CREATE TRIGGER handoff_rollup_remove AFTER DELETE ON handoff_ticket
BEGIN
  ${removeTicket}
END;

-- Relaying a message names first_answer_at in its UPDATE every time: only a real change
-- of a counted column moves the sums.
CREATE TRIGGER handoff_rollup_change AFTER UPDATE OF unit_code, opened_day, opened_at, first_answer_at, rating ON handoff_ticket
  WHEN OLD.unit_code IS NOT NEW.unit_code OR OLD.opened_day IS NOT NEW.opened_day OR OLD.opened_at IS NOT NEW.opened_at
    OR OLD.first_answer_at IS NOT NEW.first_answer_at OR OLD.rating IS NOT NEW.rating
BEGIN
  ${removeTicket}
  ${addTicket}
END;

-- How guides ended per subtree, day and outcome (people who chose no commune, unit_code
-- '', belong to no subtree).
CREATE TABLE guide_outcome_rollup (
  ancestor_code TEXT NOT NULL REFERENCES unit(code),
  day           TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  -- the row goes when it falls to 0
  count         INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, day, outcome)
) WITHOUT ROWID;

INSERT INTO guide_outcome_rollup
  SELECT c.ancestor_code, g.day, g.outcome, SUM(g.count)
    FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code
   GROUP BY c.ancestor_code, g.day, g.outcome;

CREATE TRIGGER guide_outcome_rollup_add AFTER INSERT ON guide_outcome
BEGIN
  INSERT INTO guide_outcome_rollup
    SELECT c.ancestor_code, NEW.day, NEW.outcome, NEW.count FROM unit_closure c WHERE c.descendant_code = NEW.unit_code AND true
  ON CONFLICT(ancestor_code, day, outcome) DO UPDATE SET count = count + excluded.count;
END;

CREATE TRIGGER guide_outcome_rollup_remove AFTER DELETE ON guide_outcome
BEGIN
  UPDATE guide_outcome_rollup SET count = count - OLD.count
  WHERE day = OLD.day AND outcome = OLD.outcome
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  DELETE FROM guide_outcome_rollup WHERE day = OLD.day AND outcome = OLD.outcome AND count = 0
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
END;

-- Counting one more outcome (the usual update) moves one figure; any other change moves
-- the row out of one subtree, day or outcome and into another.
CREATE TRIGGER guide_outcome_rollup_change AFTER UPDATE ON guide_outcome
  WHEN OLD.unit_code = NEW.unit_code AND OLD.day = NEW.day AND OLD.outcome = NEW.outcome
BEGIN
  UPDATE guide_outcome_rollup SET count = count - OLD.count + NEW.count
  WHERE day = NEW.day AND outcome = NEW.outcome
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = NEW.unit_code);
END;

CREATE TRIGGER guide_outcome_rollup_move AFTER UPDATE ON guide_outcome
  WHEN OLD.unit_code IS NOT NEW.unit_code OR OLD.day IS NOT NEW.day OR OLD.outcome IS NOT NEW.outcome
BEGIN
  UPDATE guide_outcome_rollup SET count = count - OLD.count
  WHERE day = OLD.day AND outcome = OLD.outcome
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  DELETE FROM guide_outcome_rollup WHERE day = OLD.day AND outcome = OLD.outcome AND count = 0
    AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
  INSERT INTO guide_outcome_rollup
    SELECT c.ancestor_code, NEW.day, NEW.outcome, NEW.count FROM unit_closure c WHERE c.descendant_code = NEW.unit_code AND true
  ON CONFLICT(ancestor_code, day, outcome) DO UPDATE SET count = count + excluded.count;
END;
`,
};
