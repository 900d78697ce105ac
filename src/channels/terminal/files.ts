// Pictures and files a reply carries (a /tiendo chart, a report workbook), saved where the
// person at the terminal can open them: ./data/chat-files/ unless CHAT_FILES_DIR says.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Translator } from '../../i18n/index.js';
import type { TerminalAttachments } from './render.js';

const DEFAULT_CHAT_FILES_DIR = join('data', 'chat-files');

export function chatFilesDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.CHAT_FILES_DIR?.trim() || DEFAULT_CHAT_FILES_DIR);
}

/** A file name that stays inside the folder and keeps its extension. */
function safeName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned.slice(-100) || 'file';
}

const two = (n: number) => String(n).padStart(2, '0');

export class ChatFiles {
  private count = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the bytes under a new name (time, number, the file's own name); returns the full path. */
  save(name: string, bytes: Uint8Array): string {
    mkdirSync(this.dir, { recursive: true });
    const d = this.now();
    const stamp = `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
    for (;;) {
      const path = join(this.dir, `${stamp}-${++this.count}-${safeName(name)}`);
      try {
        writeFileSync(path, bytes, { flag: 'wx' });
        return path;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }
}

/** Saves each picture and file and says where it went, in the person's language. */
export function savingAttachments(files: ChatFiles, tr: Pick<Translator, 't'>): TerminalAttachments {
  const save = (name: string, bytes: Uint8Array, saved: (path: string) => string): string => {
    try {
      return saved(files.save(name, bytes));
    } catch (err) {
      return tr.t('common:chat.notSaved', { name, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return {
    image: ({ png }) => save('image.png', png, (path) => tr.t('common:chat.savedImage', { path })),
    document: ({ filename, bytes }) => save(filename, bytes, (path) => tr.t('common:chat.savedFile', { name: filename, path })),
  };
}
