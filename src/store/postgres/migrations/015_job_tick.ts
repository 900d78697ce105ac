// Mirrors src/store/migrations/015_job_tick.ts: one row per scheduled job and tick, claimed
// by the one replica whose INSERT lands.
export default {
  version: 15,
  name: 'job_tick',
  sql: `
CREATE TABLE job_tick (
  job        TEXT NOT NULL,
  tick       TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, tick)
);
CREATE INDEX job_tick_claimed ON job_tick(claimed_at);
`,
};
