import { existsSync } from 'node:fs';
import type { CliCommand } from '../command.js';
import { parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

/** `backup --out FILE`: SQLite's online backup, consistent while the bot keeps running. */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage: '--out FILE          copy the live database to FILE (safe while the bot runs)',
  async run(args, ctx) {
    const { store, io, now } = ctx;
    const tr = cliTranslator(ctx);
    if (store.engine === 'postgres') {
      io.err(tr.t('cli:backup.postgres'));
      return 1;
    }
    const { out, force } = parseFlags(args);
    if (!out || out === 'true') {
      io.err(tr.t('cli:backup.noOut'));
      return 1;
    }
    if (existsSync(out) && force !== 'true') {
      io.err(tr.t('cli:backup.exists', { file: out }));
      return 1;
    }
    await store.backup(out);
    await store.audit.record({ action: 'backup.made', subject: out, at: now });
    io.out(tr.t('cli:backup.done', { file: out }));
    return 0;
  },
};
