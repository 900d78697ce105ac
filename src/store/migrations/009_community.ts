// Community teams: a citizen's request to talk to a person (a ticket per request, who was
// told about it, who took it), the team's duty roster, and the households a team counted
// per hamlet. Only counts and ids are kept; a ticket's one-line topic is cleared when it closes.
export default {
  version: 9,
  name: 'community',
  sql: `
CREATE TABLE handoff_ticket (
  id                   INTEGER PRIMARY KEY,
  unit_code            TEXT NOT NULL REFERENCES unit(code),
  -- NULL once the citizen's data is deleted; the ticket stays counted.
  citizen_id           INTEGER REFERENCES person(id) ON DELETE SET NULL,
  citizen_channel      TEXT NOT NULL,
  citizen_external_id  TEXT NOT NULL,
  -- Already masked of personal data; NULL after the ticket is closed.
  topic                TEXT,
  status               TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'taken', 'closed')),
  opened_at            TEXT NOT NULL,
  -- YYYY-MM-DD in the province, for counting per period.
  opened_day           TEXT NOT NULL,
  taken_by             INTEGER REFERENCES person(id) ON DELETE SET NULL,
  official_channel     TEXT,
  official_external_id TEXT,
  taken_at             TEXT,
  -- When the official last picked this conversation as the one they are typing into.
  active_at            TEXT,
  first_answer_at      TEXT,
  closed_at            TEXT,
  closed_by            TEXT CHECK (closed_by IN ('citizen', 'official')),
  rating               INTEGER CHECK (rating BETWEEN 1 AND 5),
  -- How far up the escalation chain the ticket has been announced (0 = first group).
  escalation_level     INTEGER NOT NULL DEFAULT 0,
  relayed_count        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX handoff_ticket_unit ON handoff_ticket(unit_code, opened_day);
CREATE INDEX handoff_ticket_status ON handoff_ticket(status);
CREATE INDEX handoff_ticket_official ON handoff_ticket(taken_by, status);
-- A citizen has at most one request open at a time.
CREATE UNIQUE INDEX handoff_ticket_one_open ON handoff_ticket(citizen_id) WHERE status IN ('waiting', 'taken');

-- Who was told about a ticket, at which escalation level.
CREATE TABLE handoff_recipient (
  ticket_id  INTEGER NOT NULL REFERENCES handoff_ticket(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  level      INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, person_id)
) WITHOUT ROWID;

-- Team members on duty for a unit, set by the team leader.
CREATE TABLE team_duty (
  unit_code  TEXT NOT NULL REFERENCES unit(code),
  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  set_by     INTEGER REFERENCES person(id) ON DELETE SET NULL,
  since      TEXT NOT NULL,
  PRIMARY KEY (unit_code, person_id)
) WITHOUT ROWID;

-- Households of one hamlet or area of a commune: visited, and with at least one person
-- holding an account. The latest figures; every change is in the audit log.
CREATE TABLE household_coverage (
  unit_code     TEXT NOT NULL REFERENCES unit(code),
  -- The area's name folded (no diacritics, lower case), so "Ấp 3" and "ap 3" are one area.
  area_key      TEXT NOT NULL,
  area_name     TEXT NOT NULL,
  visited       INTEGER NOT NULL CHECK (visited >= 0),
  with_account  INTEGER NOT NULL CHECK (with_account >= 0 AND with_account <= visited),
  updated_at    TEXT NOT NULL,
  updated_by    INTEGER REFERENCES person(id) ON DELETE SET NULL,
  PRIMARY KEY (unit_code, area_key)
) WITHOUT ROWID;
`,
};
