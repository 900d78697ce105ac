// Mirrors src/store/migrations/004_zalo.ts: the Official Account's token pair and the
// numbered choices each person was last shown.
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
  consent_needed_at  TEXT
);

CREATE TABLE zalo_choice_menu (
  channel      TEXT NOT NULL,
  external_id  TEXT NOT NULL,
  choices      TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (channel, external_id)
);
`,
};
