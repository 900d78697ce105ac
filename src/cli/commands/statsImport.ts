// stats:import FILE.csv|FILE.xlsx: counts exported from the provincial system.
import { basename } from 'node:path';
import { importStatisticTable } from '../../campaign/statistics/importStatistics.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, importTableFile } from './campaignCliText.js';

export const statsImportCommand: CliCommand = {
  name: 'stats:import',
  usage: 'FILE.csv|FILE.xlsx  import counts per unit and period (see docs/statistics-format.md)',
  run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    return importTableFile(ctx, tr, file, (table) => {
      const outcome = importStatisticTable(ctx.store.db, table, ctx.now, basename(file));
      if (!outcome.ok) return outcome;
      ctx.store.audit.record({ action: 'statistics.imported', subject: basename(file), details: { added: outcome.added, replaced: outcome.replaced }, at: ctx.now });
      return { ok: true, done: tr.t('campaign:cli.statsImported', { added: outcome.added, replaced: outcome.replaced }) };
    });
  },
};
