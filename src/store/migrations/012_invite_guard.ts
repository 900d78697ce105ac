// Failed /dangky attempts, counted per chat identity and bot-wide in a table that erasure
// does not touch: erasing one's data must not reset a lock-out. The identity is kept only
// as an HMAC under a random per-installation salt, and rows older than the window go.
export default {
  version: 12,
  name: 'invite_guard',
  sql: `
CREATE TABLE invite_failure (
  -- HMAC-SHA256(salt, channel || ':' || external id): no chat id, no person.
  identity_hash TEXT NOT NULL,
  attempted_at  TEXT NOT NULL
);
CREATE INDEX invite_failure_identity ON invite_failure(identity_hash, attempted_at);
CREATE INDEX invite_failure_at ON invite_failure(attempted_at);

-- The salt (made here, once per installation) and when the last bot-wide alert was logged.
CREATE TABLE invite_guard (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO invite_guard (name, value) VALUES ('salt', lower(hex(randomblob(32))));
`,
};
