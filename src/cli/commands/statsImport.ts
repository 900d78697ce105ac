// stats:import FILE.csv|FILE.xlsx: counts exported from the provincial system.
import { basename } from 'node:path';
import { importStatisticTable } from '../../campaign/statistics/importStatistics.js';
import { readTableFile, SourceTableError } from '../../campaign/sourceTable/index.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, printIssues } from './campaignCliText.js';

export const statsImportCommand: CliCommand = {
  name: 'stats:import',
  usage: 'stats:import FILE.csv|FILE.xlsx  import counts per unit and period (see docs/statistics-format.md)',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: this.usage }));
      return 1;
    }
    try {
      const table = await readTableFile(file);
      const outcome = importStatisticTable(ctx.store.db, table, ctx.now, basename(file));
      if (!outcome.ok) {
        printIssues(ctx, tr, outcome.issues);
        return 1;
      }
      ctx.io.out(tr.t('campaign:cli.statsImported', { added: outcome.added, replaced: outcome.replaced }));
      return 0;
    } catch (err) {
      if (err instanceof SourceTableError) {
        printIssues(ctx, tr, [err.issue]);
        return 1;
      }
      throw err;
    }
  },
};
