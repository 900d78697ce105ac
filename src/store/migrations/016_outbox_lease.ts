// A claimed message is held for a while, not for ever: a replica that claims a row and dies
// leaves it "sending", and another replica takes it back once the lease has run out. A
// replica starting up no longer takes back rows other replicas are sending right now.
export default {
  version: 16,
  name: 'outbox_lease',
  sql: `
ALTER TABLE outbox_message ADD COLUMN lease_until TEXT;
`,
};
