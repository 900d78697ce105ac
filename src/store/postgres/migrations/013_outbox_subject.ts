// Mirrors src/store/migrations/013_outbox_subject.ts: the citizen an outbox message is
// about, when a person was told the privacy notice, and invite_attempt dropped.
export default {
  version: 13,
  name: 'outbox_subject',
  sql: `
ALTER TABLE outbox_message ADD COLUMN about_person_id INTEGER REFERENCES person(id) ON DELETE CASCADE;
CREATE INDEX outbox_about_person ON outbox_message(about_person_id) WHERE about_person_id IS NOT NULL;
CREATE INDEX outbox_recipient ON outbox_message(channel, external_id);
ALTER TABLE person ADD COLUMN noticed_at TEXT;
UPDATE person SET noticed_at = created_at;
DROP TABLE invite_attempt;
`,
};
