// The project's top-level folders (flows/, locales/, data/) found from this file, so the
// bot runs the same from any working directory, from source or from dist/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'locales'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

export const PROJECT_ROOT = findRoot();

export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
