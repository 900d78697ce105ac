// Who holds a claim on a message (a random id per running process), beside how long it holds
// (016): a live sender never takes back its own claims, and a late answer about a claim
// another sender took over since changes nothing.
export default {
  version: 18,
  name: 'outbox_claimant',
  sql: `
ALTER TABLE outbox_message ADD COLUMN claimed_by TEXT;
`,
};
