// Mirrors src/store/migrations/018_outbox_claimant.ts: who holds a claim on a message.
export default {
  version: 18,
  name: 'outbox_claimant',
  sql: `
ALTER TABLE outbox_message ADD COLUMN claimed_by TEXT;
`,
};
