// stats:import FILE.csv|FILE.xlsx: counts exported from the provincial system, read and
// saved by the same function as a file sent to the bot in a chat.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importStatisticsFile } from '../../campaign/statistics/importFile.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, printIssues } from './campaignCliText.js';

export const statsImportCommand: CliCommand = {
  name: 'stats:import',
  usage: 'FILE.csv|FILE.xlsx  import counts per unit and period (see docs/statistics-format.md)',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      printIssues(ctx, tr, [{ line: 0, key: 'campaign:import.fileMissing', vars: { file } }]);
      return 1;
    }
    const outcome = await importStatisticsFile(ctx.store, { name: basename(file), bytes }, ctx.now, { source: 'cli' });
    if (!outcome.ok) {
      printIssues(ctx, tr, outcome.issues);
      return 1;
    }
    ctx.io.out(tr.t('campaign:cli.statsImported', { added: outcome.added, replaced: outcome.replaced }));
    return 0;
  },
};
