// Mirrors src/store/migrations/003_guides.ts: guide outcomes counted per day, guide,
// commune and outcome, and each commune's in-person help contacts.
export default {
  version: 3,
  name: 'guides',
  sql: `
CREATE TABLE guide_outcome (
  -- YYYY-MM-DD in the province's time zone
  day        TEXT NOT NULL,
  guide      TEXT NOT NULL,
  -- '' when the person did not choose a commune
  unit_code  TEXT NOT NULL DEFAULT '',
  outcome    TEXT NOT NULL CHECK (outcome IN ('worked', 'stuck', 'gave_up')),
  count      INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (day, guide, unit_code, outcome)
);
CREATE INDEX guide_outcome_unit ON guide_outcome(unit_code, day);

CREATE TABLE help_contact (
  unit_code    TEXT PRIMARY KEY REFERENCES unit(code) ON DELETE CASCADE,
  desk_name    TEXT,
  address      TEXT,
  phone        TEXT,
  office_hours TEXT,
  team_contact TEXT,
  updated_at   TEXT NOT NULL
);
`,
};
