// Consent, one row per person and optional purpose; no row means "not asked yet", which
// counts as no. Nothing is ever pre-ticked.
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
) WITHOUT ROWID;
`,
};
