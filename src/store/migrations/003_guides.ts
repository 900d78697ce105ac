// The citizen guides: how guides ended (counts per day, guide, commune and outcome; no
// person is ever recorded) and the in-person help contacts of each commune.
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
) WITHOUT ROWID;
CREATE INDEX guide_outcome_unit ON guide_outcome(unit_code, day);

-- Filled in by the province (contacts:import); a commune without a row gets the default
-- one-stop desk text.
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
