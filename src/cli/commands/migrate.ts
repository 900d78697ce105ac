import type { CliCommand } from '../command.js';
import { MIGRATIONS } from '../../store/migrations/index.js';
import { cliTranslator } from './campaignCliText.js';

/**
 * `migrate`: brings the database to this version's schema and says where it stands. Opening
 * the store already migrates (in one transaction, under a lock); an upgrade of several
 * replicas runs this once first, so that no replica start waits on a migration.
 */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: '                    bring the database up to this version (run first when upgrading replicas)',
  async run(_args, ctx) {
    const tr = cliTranslator(ctx);
    const version = await ctx.store.schemaVersion();
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    ctx.io.out(tr.t('cli:migrate.done', { version, latest, engine: ctx.store.engine === 'postgres' ? 'PostgreSQL' : 'SQLite' }));
    return version === latest ? 0 : 1;
  },
};
