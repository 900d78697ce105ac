// Part 1's capacity scenario (Telegram first contacts, no shedding) on three set-ups, one
// after the other against the same API stub: the server on its SQLite file, the server on a
// fresh PostgreSQL schema, and two replicas of it on another fresh schema sharing the load.
import { measureScenario, telegramAtCapacity, type Outcome } from '../ingest/measure.js';
import { postgresBackendCpu } from '../support/postgresCpu.js';
import { withBenchSchema } from '../support/postgresSchemas.js';
import { startServerProcess, type ServerProcess } from '../support/processes.js';

export interface IngestOnEngines {
  sqlite: Outcome;
  postgres: Outcome;
  twoReplicas: Outcome;
}

function onPostgres(url: string, stub: ServerProcess, name: string, firstUpdateId: number, replicas: number) {
  return withBenchSchema(url, (schema) =>
    measureScenario(telegramAtCapacity(name, firstUpdateId, { BENCH_TARGET_DATABASE_URL: schema.url }), stub, {
      replicas,
      databaseCpu: postgresBackendCpu(url, schema.applicationName),
    }),
  );
}

export async function measureIngestOnEngines(url: string): Promise<IngestOnEngines> {
  const stub = await startServerProcess('ingest/stubProcess.ts');
  try {
    return {
      sqlite: await measureScenario(telegramAtCapacity('SQLite', 6_000_000), stub),
      postgres: await onPostgres(url, stub, 'PostgreSQL', 7_000_000, 1),
      twoReplicas: await onPostgres(url, stub, 'PostgreSQL, two replicas', 8_000_000, 2),
    };
  } finally {
    await stub.stop();
  }
}
