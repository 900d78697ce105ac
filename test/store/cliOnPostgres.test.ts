// The administrators' commands work on the database the bot runs on: with DATABASE_URL set,
// `npm run cli` reads PostgreSQL, not a SQLite file beside it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import { projectPath } from '../../src/paths.js';
import pg from 'pg';
import { postgresUrl } from '../support/engines.js';

const run = promisify(execFile);
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe.skipIf(!postgresUrl)('the CLI with DATABASE_URL', () => {
  it('prints the audit log kept in PostgreSQL', async () => {
    const schema = await createFreshSchema(postgresUrl!);
    closing.push(() => dropSchema(postgresUrl!, schema));
    const store = await openPostgresStore(postgresUrl!, { schema, max: 2 });
    closing.push(() => store.close());
    await store.audit.record({ action: 'units.imported', subject: 'units:postgres-only', at: new Date('2023-12-08T02:00:00Z') });

    const url = new URL(postgresUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', projectPath('src/cli/index.ts'), 'audit', '--since', '2023-12-01'],
      {
        cwd: projectPath(),
        env: { ...process.env, DATABASE_URL: url.toString(), DATABASE_PATH: ':memory:', DEMO_DATA: 'false', NODE_ENV: 'test' },
      },
    );
    expect(stdout).toContain('units:postgres-only');

    // The bot's own backup is SQLite's; on PostgreSQL the command says to use pg_dump.
    const backup = await run(
      process.execPath,
      ['--import', 'tsx', projectPath('src/cli/index.ts'), 'backup', '--out', 'never-written.sqlite'],
      {
        cwd: projectPath(),
        env: { ...process.env, DATABASE_URL: url.toString(), DATABASE_PATH: ':memory:', DEMO_DATA: 'false', NODE_ENV: 'test' },
      },
    ).catch((failed: { code: number; stderr: string }) => failed);
    expect(backup).toMatchObject({ code: 1, stderr: expect.stringContaining('pg_dump') });
  }, 60_000);

  it('migrates an empty schema before any replica starts, and says which version it is at', async () => {
    // An empty schema, as a new installation or an upgrade finds it before the first replica.
    const schema = `t_${Date.now().toString(16)}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    closing.push(() => dropSchema(postgresUrl!, schema));

    const url = new URL(postgresUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', projectPath('src/cli/index.ts'), 'migrate'], {
      cwd: projectPath(),
      env: { ...process.env, DATABASE_URL: url.toString(), DATABASE_PATH: ':memory:', DEMO_DATA: 'false', NODE_ENV: 'test' },
    });
    const { MIGRATIONS } = await import('../../src/store/migrations/index.js');
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(stdout).toContain(`PostgreSQL ở phiên bản ${latest}; bản chương trình này cần phiên bản ${latest}`);
    const store = await openPostgresStore(postgresUrl!, { schema, max: 1 });
    closing.push(() => store.close());
    expect(await store.schemaVersion()).toBe(latest);
  }, 60_000);
});
