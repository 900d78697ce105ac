// Every unit's counts summed over its whole subtree, per last day of a period: /tiendo
// then reads a handful of rows, however many units lie below (a country of 10.000 units).
// Triggers keep it equal to unit_statistic whoever writes there; a change of the tree
// itself rebuilds it (src/campaign/statistics/rollup.ts).
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
) WITHOUT ROWID;

INSERT INTO unit_statistic_rollup
  SELECT c.ancestor_code, s.to_date, s.week_end, COUNT(*), SUM(s.received_total), SUM(s.received_online),
         SUM(s.digitized), SUM(s.fee_dossiers), SUM(s.paid_online)
    FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code
   GROUP BY c.ancestor_code, s.to_date;

CREATE TRIGGER unit_statistic_rollup_add AFTER INSERT ON unit_statistic
BEGIN
  INSERT INTO unit_statistic_rollup
    SELECT c.ancestor_code, NEW.to_date, NEW.week_end, 1, NEW.received_total, NEW.received_online,
           NEW.digitized, NEW.fee_dossiers, NEW.paid_online
      FROM unit_closure c WHERE c.descendant_code = NEW.unit_code AND true
  ON CONFLICT(ancestor_code, to_date) DO UPDATE SET
    source_rows = source_rows + 1,
    received_total = received_total + excluded.received_total,
    received_online = received_online + excluded.received_online,
    digitized = digitized + excluded.digitized,
    fee_dossiers = fee_dossiers + excluded.fee_dossiers,
    paid_online = paid_online + excluded.paid_online;
END;

CREATE TRIGGER unit_statistic_rollup_remove AFTER DELETE ON unit_statistic
BEGIN
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
END;

CREATE TRIGGER unit_statistic_rollup_change AFTER UPDATE ON unit_statistic
BEGIN
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
  INSERT INTO unit_statistic_rollup
    SELECT c.ancestor_code, NEW.to_date, NEW.week_end, 1, NEW.received_total, NEW.received_online,
           NEW.digitized, NEW.fee_dossiers, NEW.paid_online
      FROM unit_closure c WHERE c.descendant_code = NEW.unit_code AND true
  ON CONFLICT(ancestor_code, to_date) DO UPDATE SET
    source_rows = source_rows + 1,
    received_total = received_total + excluded.received_total,
    received_online = received_online + excluded.received_online,
    digitized = digitized + excluded.digitized,
    fee_dossiers = fee_dossiers + excluded.fee_dossiers,
    paid_online = paid_online + excluded.paid_online;
END;
`,
};
