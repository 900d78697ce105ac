// Mirrors src/store/migrations/008_reminders.ts: a person's pause of the reminders that
// are not essential.
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
