// Mirrors src/store/migrations/021_unit_kind_below.ts: which kinds of unit lie below each
// unit, and over which days, rebuilt by the application with the closure (as on SQLite).
export default {
  version: 21,
  name: 'unit_kind_below',
  sql: `
CREATE TABLE unit_kind_below (
  ancestor_code  TEXT NOT NULL REFERENCES unit(code),
  kind           TEXT NOT NULL,
  -- the first and last day some unit of this kind below is in force; NULL: open-ended
  valid_from     TEXT,
  valid_to       TEXT,
  PRIMARY KEY (ancestor_code, kind)
);

INSERT INTO unit_kind_below
  SELECT c.ancestor_code, u.kind,
         CASE WHEN COUNT(u.valid_from) < COUNT(*) THEN NULL ELSE MIN(u.valid_from) END,
         CASE WHEN COUNT(u.valid_to) < COUNT(*) THEN NULL ELSE MAX(u.valid_to) END
    FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
   WHERE c.depth >= 1
   GROUP BY c.ancestor_code, u.kind;
`,
};
