// A person may pause the reminders that are not essential (the ones before a deadline);
// one row per person, kept until they turn them back on or the pause runs out.
export default {
  version: 8,
  name: 'reminders',
  sql: `
CREATE TABLE reminder_pause (
  person_id  INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  paused_at  TEXT NOT NULL,
  -- NULL: until the person turns reminders back on.
  until      TEXT
);
`,
};
