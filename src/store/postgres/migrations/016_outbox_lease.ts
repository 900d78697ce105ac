// Mirrors src/store/migrations/016_outbox_lease.ts: when a claim on a message runs out.
export default {
  version: 16,
  name: 'outbox_lease',
  sql: `
ALTER TABLE outbox_message ADD COLUMN lease_until TEXT;
`,
};
