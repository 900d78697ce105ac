// A SQLite store on a file in a directory of its own, which closing the store removes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqliteStore } from '../../src/store/index.js';

export function openTempStore(prefix: string): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = openStore(join(dir, 'store.sqlite'));
  return {
    ...store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
