// The test files the PostgreSQL run leaves out (vitest.config.ts), each for its reason. Every
// other file runs again there, its stores on PostgreSQL (testStore.ts); a new file joins it
// unless it is listed here.

/** Choose their engines themselves: they loop over ENGINES (engines.ts) or are about PostgreSQL. */
const CHOOSE_THEIR_ENGINES = [
  'test/store/**',
  'test/replicas/**',
  'test/community/store.test.ts',
  'test/guides/store.test.ts',
  'test/trust/privacyStore.test.ts',
];

/** About SQLite itself. */
const ABOUT_SQLITE = [
  // A bot killed on its SQLite file, then the file read back (WAL recovery).
  'test/trust/crash.test.ts',
  // SQLite's roll-up triggers, in SQLite's SQL; test/store/postgresSchema.test.ts checks PostgreSQL's.
  'test/campaign/rollup.test.ts',
  'test/community/rollup.test.ts',
  // A benchmark of the outbox's pacing on the real clock, over a SQLite file.
  'test/jobs/realClockPacing.test.ts',
];

/** Open no store (or one only to build the runtime they lint): a second run would test the same code again. */
const NO_STORE = [
  'test/config.test.ts',
  'test/i18n/**',
  'test/flows/**',
  'test/bot/maskingWordings.test.ts',
  'test/bot/personalData.test.ts',
  'test/campaign/kpi.test.ts',
  'test/campaign/progressChart.test.ts',
  'test/guides/content.test.ts',
  'test/guides/flows.test.ts',
  'test/guides/phrasings.test.ts',
  'test/guides/safety.test.ts',
  'test/guides/settings.test.ts',
  'test/guides/voice.test.ts',
  'test/jobs/pacer.test.ts',
  'test/reminders/planner.test.ts',
  'test/reports/weekAndValidation.test.ts',
  'test/telegram/inbound.test.ts',
  'test/telegram/render.test.ts',
  'test/trust/fuzz/reportNumbers.test.ts',
  'test/zalo/config.test.ts',
  'test/zalo/numberedChoices.test.ts',
];

/**
 * About the browser, not the store: Chromium over the dashboard. The pages' store queries run
 * on both engines in test/web/pages.test.ts; what the browser adds (cookies, CSP, forms,
 * downloads, keyboard focus) is the same on either, and a second run doubles browser time.
 */
const ABOUT_THE_BROWSER = ['test/web/browser.test.ts', 'test/web/accessibility.test.ts'];

export const POSTGRES_RUN_SKIPS: readonly string[] = [
  ...CHOOSE_THEIR_ENGINES,
  ...ABOUT_SQLITE,
  ...NO_STORE,
  ...ABOUT_THE_BROWSER,
];
