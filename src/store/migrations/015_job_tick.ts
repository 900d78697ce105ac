// Scheduled jobs run once per tick when several replicas share one database: each replica's
// timer fires, and only the one whose INSERT of (job, tick) lands runs the job
// (src/store/coordination/jobTicks.ts). Old ticks are purged by claimed_at.
export default {
  version: 15,
  name: 'job_tick',
  sql: `
CREATE TABLE job_tick (
  job        TEXT NOT NULL,
  -- The tick as the job names it, e.g. the scheduled minute in ISO form.
  tick       TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, tick)
) WITHOUT ROWID;
CREATE INDEX job_tick_claimed ON job_tick(claimed_at);
`,
};
