// What a dashboard action said (the reminders queued), kept on the session until the page
// the action leads back to shows it once: the action answers with a redirect (Post/Redirect/
// Get), so reloading that page posts nothing again.
export default {
  version: 20,
  name: 'web_notice',
  sql: `ALTER TABLE web_session ADD COLUMN notice TEXT;`,
};
