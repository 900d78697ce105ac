// The store owns every query: outside src/store no file builds SQL, opens a database or
// reaches for a connection, so a second engine needs no change in the domain.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';

const SRC = projectPath('src');
const STORE = join(SRC, 'store');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? join(dir, e.name) === STORE
        ? []
        : sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

// What only a query layer writes: SQL builders, raw SQL, a driver or the raw connection.
const QUERYING = [
  /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\s*\(/,
  /\.prepare\s*\(/,
  /\bsql`/,
  /from ['"](kysely|better-sqlite3|pg)['"]/,
  /store\/(database|sqlite\/|postgres\/|statements|reusableQuery)/,
  /\bstore\.(db|sql)\b/,
];

describe('the store owns every query', () => {
  it('finds no SQL, driver or raw connection in src outside src/store', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return QUERYING.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(SRC, file)}: ${String(pattern)}`);
    });
    expect(offending).toEqual([]);
  });

  it('would notice a query written in the domain', () => {
    const written = "const row = await store.sql.selectFrom('unit').selectAll().execute();";
    expect(QUERYING.filter((pattern) => pattern.test(written))).toHaveLength(2);
  });
});
