// Mirrors src/store/migrations/010_privacy.ts: consent, one row per person and purpose.
export default {
  version: 10,
  name: 'privacy',
  sql: `
CREATE TABLE consent (
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  purpose    TEXT NOT NULL,
  granted    INTEGER NOT NULL CHECK (granted IN (0, 1)),
  decided_at TEXT NOT NULL,
  PRIMARY KEY (person_id, purpose)
);
`,
};
