// Mirrors src/store/migrations/019_web_session.ts: the dashboard's one-time sign-in links and
// its sessions, kept only as SHA-256 hashes of their secrets.
export default {
  version: 19,
  name: 'web_session',
  sql: `
CREATE TABLE web_link (
  token_hash TEXT PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);
CREATE INDEX web_link_person ON web_link(person_id);
CREATE INDEX web_link_expires ON web_link(expires_at);

CREATE TABLE web_session (
  id_hash    TEXT PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at   TEXT
);
CREATE INDEX web_session_person ON web_session(person_id);
CREATE INDEX web_session_expires ON web_session(expires_at);
`,
};
