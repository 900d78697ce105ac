// Units' reports by chat. A report is one unit's filing for one period (a week, keyed by
// its deadline day, or the final report); every submission or correction is a new
// version, kept for good; the latest version is the one that counts. A draft keeps a
// half-filled form per person so it survives restarts and detours.
export default {
  version: 7,
  name: 'reports',
  sql: `
CREATE TABLE unit_report (
  id                 INTEGER PRIMARY KEY,
  unit_code          TEXT NOT NULL REFERENCES unit(code),
  kind               TEXT NOT NULL CHECK (kind IN ('weekly', 'final')),
  deadline_day       TEXT NOT NULL,
  period_from        TEXT NOT NULL,
  period_to          TEXT NOT NULL,
  first_submitted_at TEXT NOT NULL,
  -- set when the first submission came after the units' deadline
  late               INTEGER NOT NULL CHECK (late IN (0, 1)),
  latest_version     INTEGER NOT NULL,
  UNIQUE (unit_code, kind, deadline_day)
);
CREATE INDEX unit_report_period ON unit_report(kind, deadline_day);

CREATE TABLE unit_report_version (
  report_id        INTEGER NOT NULL REFERENCES unit_report(id),
  version          INTEGER NOT NULL,
  submitted_at     TEXT NOT NULL,
  submitted_by     INTEGER REFERENCES person(id) ON DELETE SET NULL,
  late             INTEGER NOT NULL CHECK (late IN (0, 1)),
  received_total   INTEGER NOT NULL CHECK (received_total >= 0),
  received_online  INTEGER NOT NULL CHECK (received_online >= 0),
  digitized        INTEGER NOT NULL CHECK (digitized >= 0),
  fee_dossiers     INTEGER NOT NULL CHECK (fee_dossiers >= 0),
  paid_online      INTEGER NOT NULL CHECK (paid_online >= 0),
  accounts_helped  INTEGER NOT NULL CHECK (accounts_helped >= 0),
  payments_helped  INTEGER NOT NULL CHECK (payments_helped >= 0),
  difficulties     TEXT NOT NULL DEFAULT '',
  proposals        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (report_id, version)
) WITHOUT ROWID;

CREATE TABLE unit_report_draft (
  person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  unit_code    TEXT NOT NULL REFERENCES unit(code),
  kind         TEXT NOT NULL CHECK (kind IN ('weekly', 'final')),
  deadline_day TEXT NOT NULL,
  answers      TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (person_id, unit_code, kind, deadline_day)
) WITHOUT ROWID;
`,
};
