import { existsSync } from 'node:fs';
import type { CliCommand } from '../command.js';
import { parseFlags } from '../command.js';

/** `backup --out FILE`: SQLite's online backup, consistent while the bot keeps running. */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage: '--out FILE          copy the live database to FILE (safe while the bot runs)',
  async run(args, { store, io, now }) {
    const { out, force } = parseFlags(args);
    if (!out || out === 'true') {
      io.err('backup: name the file to write with --out FILE, for example --out backups/trolydvc-2023-12-08.sqlite');
      return 1;
    }
    if (existsSync(out) && force !== 'true') {
      io.err(`backup: ${out} already exists; choose another name or add --force to overwrite it`);
      return 1;
    }
    await store.backup(out);
    store.audit.record({ action: 'backup.made', subject: out, at: now });
    io.out(`Backup written to ${out}. To restore: stop the bot, copy this file to DATABASE_PATH, start the bot.`);
    return 0;
  },
};
