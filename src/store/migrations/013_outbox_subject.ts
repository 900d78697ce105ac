// A message to an official can carry a citizen's words (a relayed message, a new request's
// topic). It names that citizen so their erasure takes it out of the outbox too.
export default {
  version: 13,
  name: 'outbox_subject',
  sql: `
ALTER TABLE outbox_message ADD COLUMN about_person_id INTEGER REFERENCES person(id) ON DELETE CASCADE;
CREATE INDEX outbox_about_person ON outbox_message(about_person_id) WHERE about_person_id IS NOT NULL;
CREATE INDEX outbox_recipient ON outbox_message(channel, external_id);
`,
};
