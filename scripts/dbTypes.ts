// Writes src/store/schema.ts, the table types every query is checked against, from the
// PostgreSQL migrations applied to a fresh schema: `npm run db:types` (needs a server at
// TEST_DATABASE_URL, default the local one). `-- --verify` only checks the file is current.
// PostgreSQL, not SQLite, is read because it knows which columns are NOT NULL and generated.
import { Cli } from 'kysely-codegen';
import { projectPath } from '../src/paths.js';
import { withFreshSchema } from '../src/store/postgres/freshSchema.js';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const verify = process.argv.includes('--verify');

await withFreshSchema(url, async (schema) => {
  await new Cli().run({
    argv: [
      '--dialect=postgres',
      `--url=${url}`,
      `--default-schema=${schema}`,
      `--include-pattern=${schema}.*`,
      // Counts and sums are read as numbers (see postgresTypes in src/store/postgres/pool.ts).
      '--type-mapping={"int8":"number"}',
      '--numeric-parser=number',
      `--out-file=${projectPath('src/store/schema.ts')}`,
      ...(verify ? ['--verify'] : []),
    ],
  });
});
