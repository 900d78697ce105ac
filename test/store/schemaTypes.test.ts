// src/store/schema.ts is what every typed query is checked against: it must be what the
// migrations make, so a migration without `npm run db:types` fails here.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { postgresUrl } from '../support/engines.js';

describe.skipIf(!postgresUrl)('the table types', () => {
  it('are the ones the PostgreSQL migrations generate', () => {
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', projectPath('scripts/dbTypes.ts'), '--verify'], {
        env: { ...process.env, TEST_DATABASE_URL: postgresUrl },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run()).toMatch(/up-to-date/);
  });
});
