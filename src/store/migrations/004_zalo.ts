// The Zalo channels' own state: the Official Account's token pair (the refresh token is
// single-use, so the pair is replaced in one statement) and the numbered choices each
// person was last shown. Who cannot be reached is kept with the outbox, for every channel.
export default {
  version: 4,
  name: 'zalo',
  sql: `
CREATE TABLE zalo_oa_token (
  app_id             TEXT PRIMARY KEY,
  access_token       TEXT NOT NULL,
  refresh_token      TEXT NOT NULL,
  expires_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  -- Set when Zalo refused the refresh token: only the OA administrator's consent helps.
  consent_needed_at  TEXT
);

-- The choices a person last saw as a numbered list, so "2" finds its choice id again.
CREATE TABLE zalo_choice_menu (
  channel      TEXT NOT NULL,
  external_id  TEXT NOT NULL,
  choices      TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (channel, external_id)
) WITHOUT ROWID;
`,
};
