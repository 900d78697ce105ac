// Mirrors src/store/migrations/020_web_notice.ts: an action's notice, kept on the session
// until the page it leads back to shows it once.
export default {
  version: 20,
  name: 'web_notice',
  sql: `ALTER TABLE web_session ADD COLUMN notice TEXT;`,
};
