// Every message the bot sends on its own initiative waits here until it is confirmed sent:
// a restart loses nothing, and the idempotency key makes a second enqueue a no-op.
export default {
  version: 6,
  name: 'outbox',
  sql: `
CREATE TABLE outbox_message (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  person_id       INTEGER REFERENCES person(id) ON DELETE CASCADE,
  channel         TEXT NOT NULL,
  external_id     TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'unreachable', 'expired', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  not_before      TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  expires_at      TEXT,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox_message(status, next_attempt_at);

-- A person who blocked the bot, or whom a channel will not let us reach now.
CREATE TABLE channel_unreachable (
  channel     TEXT NOT NULL,
  external_id TEXT NOT NULL,
  reason      TEXT NOT NULL,
  since       TEXT NOT NULL,
  PRIMARY KEY (channel, external_id)
) WITHOUT ROWID;
`,
};
