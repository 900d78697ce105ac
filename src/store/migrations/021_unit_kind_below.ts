// Which kinds of unit lie below each unit, and over which days some unit of that kind is in
// force there: the dashboard's filter offers only the kinds a unit has below it, read by key
// rather than by walking a subtree of 10.000 units. Rebuilt with the closure whenever the
// tree changes (src/store/units/closure.ts).
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
) WITHOUT ROWID;

INSERT INTO unit_kind_below
  SELECT c.ancestor_code, u.kind,
         CASE WHEN COUNT(u.valid_from) < COUNT(*) THEN NULL ELSE MIN(u.valid_from) END,
         CASE WHEN COUNT(u.valid_to) < COUNT(*) THEN NULL ELSE MAX(u.valid_to) END
    FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
   WHERE c.depth >= 1
   GROUP BY c.ancestor_code, u.kind;
`,
};
