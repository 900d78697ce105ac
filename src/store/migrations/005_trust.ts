// An append-only audit log: registrations, role changes, reports, exports, deletions and
// handoffs are recorded here and can never be changed or removed through SQL.
export default {
  version: 5,
  name: 'trust',
  sql: `
CREATE TABLE audit_event (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  -- Kept as a number, not a foreign key: the record must outlive the person's deletion.
  actor_id    INTEGER,
  action      TEXT NOT NULL,
  unit_code   TEXT,
  subject     TEXT,
  details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event(at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
