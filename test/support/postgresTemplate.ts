// Global setup of the PostgreSQL run: the migrated database every test's store is copied
// from (see postgresDatabases.ts), handed to the test files, and dropped at the end with
// any copy a test left behind.
import type { TestProject } from 'vitest/node';
import { createMigratedDatabase, dropWithCopies } from './postgresDatabases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function postgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('The PostgreSQL run needs TEST_DATABASE_URL');
  const template = await createMigratedDatabase(url);
  project.provide('postgresTemplate', template);
  return () => dropWithCopies(url, template);
}
