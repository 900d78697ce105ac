// The flood guard's shared counts (rate-limiter-flexible's PostgreSQL table, in its own
// layout): one row per person and window, so replicas count a person's messages together.
export default {
  version: 17,
  name: 'flood_count',
  sql: `
CREATE TABLE flood_count (
  key    VARCHAR(255) PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire BIGINT
);
`,
};
