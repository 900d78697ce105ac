// The PostgreSQL server the benchmarks may use, and the schemas they make on it: each a
// fresh one (createFreshSchema: a random t_ name, migrated), dropped after use, or by
// dropBenchSchemas when the benchmark is stopped part-way, so none outlives a run.
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';

/** The server named by BENCH_DATABASE_URL, else TEST_DATABASE_URL; undefined without either. */
export function benchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

export interface BenchSchema {
  /** The schema's name, for openPostgresStore's `schema`. */
  name: string;
  /**
   * A DATABASE_URL for server processes on the schema: node-postgres passes `options` to
   * the server (the search path), and the application name tells their connections apart.
   */
  url: string;
  applicationName: string;
}

/** Schemas in use, by name, with the server they are on. */
const inUse = new Map<string, string>();

/** Drops the schemas still in use (a benchmark told to stop, once nothing uses them any more). */
export async function dropBenchSchemas(): Promise<void> {
  await Promise.allSettled([...inUse].map(([name, url]) => dropSchema(url, name)));
  inUse.clear();
}

/** Runs `use` on a new schema of the server at `url`, and drops the schema whatever happens. */
export async function withBenchSchema<T>(url: string, use: (schema: BenchSchema) => Promise<T>): Promise<T> {
  const name = await createFreshSchema(url);
  inUse.set(name, url);
  const applicationName = `bench-${name}`;
  const query = new URLSearchParams({ options: `-c search_path=${name}`, application_name: applicationName });
  try {
    return await use({ name, url: `${url}${url.includes('?') ? '&' : '?'}${query.toString()}`, applicationName });
  } finally {
    inUse.delete(name);
    await dropSchema(url, name);
  }
}
