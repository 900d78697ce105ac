// The web dashboard's sign-in: a one-time link sent in the chat, spent once, opens a
// session. Only SHA-256 hashes of the secrets are kept, so a copy of the database lets no
// one sign in. Both go with their person; expired rows go in the nightly purge.
export default {
  version: 19,
  name: 'web_session',
  sql: `
CREATE TABLE web_link (
  token_hash TEXT PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- Set by the one redemption that spends the link.
  used_at    TEXT
) WITHOUT ROWID;
CREATE INDEX web_link_person ON web_link(person_id);
CREATE INDEX web_link_expires ON web_link(expires_at);

CREATE TABLE web_session (
  id_hash    TEXT PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- Set on signing out, from the dashboard or from the chat.
  ended_at   TEXT
) WITHOUT ROWID;
CREATE INDEX web_session_person ON web_session(person_id);
CREATE INDEX web_session_expires ON web_session(expires_at);
`,
};
