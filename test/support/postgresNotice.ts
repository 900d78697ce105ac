// Says once, at the start of a run, when the PostgreSQL half of the suite is skipped.
export default function postgresNotice(): void {
  if (!process.env.TEST_DATABASE_URL)
    console.log('PostgreSQL run skipped: set TEST_DATABASE_URL=postgres://… to run the tests on PostgreSQL too.');
}
