// A message to an official can carry a citizen's words (a relayed message, a new request's
// topic). It names that citizen so their erasure takes it out of the outbox too. And a
// person is marked as told the privacy notice when the answer carrying it is committed,
// so a crash before that shows it again instead of losing it.
export default {
  version: 13,
  name: 'outbox_subject',
  sql: `
ALTER TABLE outbox_message ADD COLUMN about_person_id INTEGER REFERENCES person(id) ON DELETE CASCADE;
CREATE INDEX outbox_about_person ON outbox_message(about_person_id) WHERE about_person_id IS NOT NULL;
CREATE INDEX outbox_recipient ON outbox_message(channel, external_id);
ALTER TABLE person ADD COLUMN noticed_at TEXT;
UPDATE person SET noticed_at = created_at;
-- Wrong invitation codes are counted per chat in invite_failure (012) now.
DROP TABLE invite_attempt;
`,
};
