// Mirrors src/store/migrations/012_invite_guard.ts: failed /dangky attempts per hashed
// chat identity, and the per-installation salt.
export default {
  version: 12,
  name: 'invite_guard',
  sql: `
CREATE TABLE invite_failure (
  identity_hash TEXT NOT NULL,
  attempted_at  TEXT NOT NULL
);
CREATE INDEX invite_failure_identity ON invite_failure(identity_hash, attempted_at);
CREATE INDEX invite_failure_at ON invite_failure(attempted_at);

CREATE TABLE invite_guard (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- SQLite's lower(hex(randomblob(32))): 64 hex digits. PostgreSQL has no randomblob without
-- pgcrypto; gen_random_uuid() (core since 13) draws from the same strong source, and two of
-- them give 244 random bits in the same 64 hex digits.
INSERT INTO invite_guard (name, value)
  VALUES ('salt', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
`,
};
