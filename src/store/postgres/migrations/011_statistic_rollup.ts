// Mirrors src/store/migrations/011_statistic_rollup.ts: every unit's counts summed over its
// subtree per last day of a period, kept equal to unit_statistic by triggers.
//
// Where PostgreSQL differs:
// - One PL/pgSQL function serves the three row triggers (SQLite repeats the statements in
//   each). Additive changes give the same sums in any firing order, so PostgreSQL's row
//   triggers, which run after the whole statement, keep the table exact too.
// - In SQLite the application rebuilds the roll-up after changing the tree
//   (src/campaign/statistics/rollup.ts), as SQLite has no statement-level trigger. Here a
//   statement that changes unit_closure rebuilds it itself (only if it changed rows), so
//   a caller that also rebuilds does the work twice but stays correct.
// - TRUNCATE fires no row trigger, so it rebuilds too.
export default {
  version: 11,
  name: 'statistic_rollup',
  sql: `
CREATE TABLE unit_statistic_rollup (
  ancestor_code    TEXT NOT NULL REFERENCES unit(code),
  to_date          TEXT NOT NULL,
  week_end         TEXT NOT NULL,
  -- how many unit_statistic rows are summed here; the row goes when none is left
  source_rows      INTEGER NOT NULL,
  received_total   INTEGER NOT NULL,
  received_online  INTEGER NOT NULL,
  digitized        INTEGER NOT NULL,
  fee_dossiers     INTEGER NOT NULL,
  paid_online      INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, to_date)
);

-- week_end follows from to_date; SQLite takes it as a bare column, PostgreSQL wants an aggregate.
CREATE FUNCTION rebuild_unit_statistic_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM unit_statistic_rollup;
  INSERT INTO unit_statistic_rollup (ancestor_code, to_date, week_end, source_rows, received_total,
                                     received_online, digitized, fee_dossiers, paid_online)
    SELECT c.ancestor_code, s.to_date, MIN(s.week_end), COUNT(*), SUM(s.received_total), SUM(s.received_online),
           SUM(s.digitized), SUM(s.fee_dossiers), SUM(s.paid_online)
      FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code
     GROUP BY c.ancestor_code, s.to_date;
$$;

SELECT rebuild_unit_statistic_rollup();

-- Runs the rebuild function named by the trigger's argument after a statement that changed
-- rows. Each such trigger names that statement's rows "changed", so a statement that changed
-- none is told apart; TRUNCATE has no transition table and always rebuilds.
CREATE FUNCTION rebuild_rollup_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'TRUNCATE' THEN
    IF NOT EXISTS (SELECT 1 FROM changed) THEN
      RETURN NULL;
    END IF;
  END IF;
  EXECUTE format('SELECT %I()', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE FUNCTION unit_statistic_rollup_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE unit_statistic_rollup SET
      source_rows = source_rows - 1,
      received_total = received_total - OLD.received_total,
      received_online = received_online - OLD.received_online,
      digitized = digitized - OLD.digitized,
      fee_dossiers = fee_dossiers - OLD.fee_dossiers,
      paid_online = paid_online - OLD.paid_online
    WHERE to_date = OLD.to_date
      AND ancestor_code IN (SELECT ancestor_code FROM unit_closure WHERE descendant_code = OLD.unit_code);
    DELETE FROM unit_statistic_rollup WHERE to_date = OLD.to_date AND source_rows = 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- In DO UPDATE the existing row must be named (r): a bare column would be ambiguous with EXCLUDED.
    INSERT INTO unit_statistic_rollup AS r (ancestor_code, to_date, week_end, source_rows, received_total,
                                            received_online, digitized, fee_dossiers, paid_online)
      SELECT c.ancestor_code, NEW.to_date, NEW.week_end, 1, NEW.received_total, NEW.received_online,
             NEW.digitized, NEW.fee_dossiers, NEW.paid_online
        FROM unit_closure c WHERE c.descendant_code = NEW.unit_code
    ON CONFLICT (ancestor_code, to_date) DO UPDATE SET
      source_rows = r.source_rows + 1,
      received_total = r.received_total + EXCLUDED.received_total,
      received_online = r.received_online + EXCLUDED.received_online,
      digitized = r.digitized + EXCLUDED.digitized,
      fee_dossiers = r.fee_dossiers + EXCLUDED.fee_dossiers,
      paid_online = r.paid_online + EXCLUDED.paid_online;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_statistic_rollup_add AFTER INSERT ON unit_statistic
  FOR EACH ROW EXECUTE FUNCTION unit_statistic_rollup_follow();
CREATE TRIGGER unit_statistic_rollup_remove AFTER DELETE ON unit_statistic
  FOR EACH ROW EXECUTE FUNCTION unit_statistic_rollup_follow();
CREATE TRIGGER unit_statistic_rollup_change AFTER UPDATE ON unit_statistic
  FOR EACH ROW EXECUTE FUNCTION unit_statistic_rollup_follow();
CREATE TRIGGER unit_statistic_rollup_truncate AFTER TRUNCATE ON unit_statistic
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_unit_statistic_rollup');

-- A statement trigger with transition tables takes one event, hence one trigger per event.
CREATE TRIGGER unit_statistic_rollup_tree_insert AFTER INSERT ON unit_closure
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_unit_statistic_rollup');
CREATE TRIGGER unit_statistic_rollup_tree_update AFTER UPDATE ON unit_closure
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_unit_statistic_rollup');
CREATE TRIGGER unit_statistic_rollup_tree_delete AFTER DELETE ON unit_closure
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION rebuild_rollup_after('rebuild_unit_statistic_rollup');
CREATE TRIGGER unit_statistic_rollup_tree_truncate AFTER TRUNCATE ON unit_closure
  FOR EACH STATEMENT EXECUTE FUNCTION rebuild_rollup_after('rebuild_unit_statistic_rollup');
`,
};
