// The campaign domain: the unit tree (any depth, with history), its closure for fast
// roll-ups, the weekly counts imported from the provincial system (counts, never
// percentages), the campaign definition, officials' roles and their one-time invites.
export default {
  version: 2,
  name: 'campaign',
  sql: `
CREATE TABLE unit (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  -- diacritics folded, for name search
  name_folded   TEXT NOT NULL,
  kind          TEXT NOT NULL,
  parent_code   TEXT REFERENCES unit(code),
  official_code TEXT,
  valid_from    TEXT,
  valid_to      TEXT
);
CREATE INDEX unit_parent ON unit(parent_code);
CREATE INDEX unit_official ON unit(official_code);

-- Every (ancestor, descendant) pair, the unit itself included at depth 0: a roll-up over
-- any subtree is one indexed join, whatever the depth.
CREATE TABLE unit_closure (
  ancestor_code   TEXT NOT NULL REFERENCES unit(code),
  descendant_code TEXT NOT NULL REFERENCES unit(code),
  depth           INTEGER NOT NULL,
  PRIMARY KEY (ancestor_code, descendant_code)
) WITHOUT ROWID;
CREATE INDEX unit_closure_descendant ON unit_closure(descendant_code);

-- Which later unit carries an earlier unit's history (mergers, reforms). The earlier tree
-- may be loaded after the later one, so neither side is a foreign key.
CREATE TABLE unit_succession (
  predecessor_code TEXT NOT NULL,
  successor_code   TEXT NOT NULL,
  PRIMARY KEY (predecessor_code, successor_code)
) WITHOUT ROWID;
CREATE INDEX unit_succession_successor ON unit_succession(successor_code);

-- Counts for one unit over one period [from_date, to_date] (YYYY-MM-DD, inclusive).
-- week_end is the Sunday of the ISO week that holds to_date.
CREATE TABLE unit_statistic (
  unit_code        TEXT NOT NULL REFERENCES unit(code),
  from_date        TEXT NOT NULL,
  to_date          TEXT NOT NULL,
  week_end         TEXT NOT NULL,
  received_total   INTEGER NOT NULL CHECK (received_total >= 0),
  received_online  INTEGER NOT NULL CHECK (received_online >= 0),
  digitized        INTEGER NOT NULL CHECK (digitized >= 0),
  fee_dossiers     INTEGER NOT NULL CHECK (fee_dossiers >= 0),
  paid_online      INTEGER NOT NULL CHECK (paid_online >= 0),
  imported_at      TEXT NOT NULL,
  source           TEXT,
  PRIMARY KEY (unit_code, from_date, to_date)
) WITHOUT ROWID;
CREATE INDEX unit_statistic_week ON unit_statistic(week_end, unit_code);

-- One row per campaign; the definition itself is validated JSON so it can grow
-- (deadlines, reminder rules) without a migration.
CREATE TABLE campaign (
  id          TEXT PRIMARY KEY,
  root_code   TEXT NOT NULL,
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL,
  definition  TEXT NOT NULL,
  loaded_at   TEXT NOT NULL
);

CREATE TABLE person_role (
  person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  unit_code   TEXT NOT NULL REFERENCES unit(code),
  role        TEXT NOT NULL,
  granted_at  TEXT NOT NULL,
  PRIMARY KEY (person_id, unit_code, role)
) WITHOUT ROWID;
CREATE INDEX person_role_unit ON person_role(unit_code);

-- Only a hash of the code is kept: a copy of the database cannot be used to register.
CREATE TABLE invite (
  id          INTEGER PRIMARY KEY,
  code_hash   TEXT NOT NULL UNIQUE,
  unit_code   TEXT NOT NULL REFERENCES unit(code),
  role        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  used_by     INTEGER REFERENCES person(id) ON DELETE SET NULL,
  revoked_at  TEXT
);

-- Failed /dangky attempts, to slow down guessing.
CREATE TABLE invite_attempt (
  person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  attempted_at TEXT NOT NULL
);
CREATE INDEX invite_attempt_person ON invite_attempt(person_id, attempted_at);
`,
};
