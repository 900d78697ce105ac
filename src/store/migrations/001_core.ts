// Persons reach us on one or more channels; conversation state and processed update ids
// are what the engine needs to be restart-safe.
export default {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  locale      TEXT NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  -- When the person was first told not to type personal data here (told once).
  warned_personal_data_at TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE channel_identity (
  channel     TEXT NOT NULL,
  external_id TEXT NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX channel_identity_person ON channel_identity(person_id);

CREATE TABLE conversation (
  person_id   INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  flow_id     TEXT NOT NULL,
  step_id     TEXT NOT NULL,
  history     TEXT NOT NULL DEFAULT '[]',
  vars        TEXT NOT NULL DEFAULT '{}',
  options     TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE processed_update (
  channel     TEXT NOT NULL,
  update_id   TEXT NOT NULL,
  seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (channel, update_id)
) WITHOUT ROWID;
CREATE INDEX processed_update_seen ON processed_update(seen_at);
`,
};
