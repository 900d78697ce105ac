// units:import FILE.csv [--valid-from DATE] [--valid-to DATE]
import { importUnitTable } from '../../campaign/units/importUnits.js';
import { readTableFile, SourceTableError } from '../../campaign/sourceTable/index.js';
import { parseDay } from '../../campaign/sourceTable/cells.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, printIssues } from './campaignCliText.js';

export const unitsImportCommand: CliCommand = {
  name: 'units:import',
  usage: 'units:import FILE.csv [--valid-from YYYY-MM-DD] [--valid-to YYYY-MM-DD]  load or update the unit tree',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const file = flags._;
    const validFrom = flags['valid-from'] ? parseDay(flags['valid-from']) : undefined;
    const validTo = flags['valid-to'] ? parseDay(flags['valid-to']) : undefined;
    if (!file || (flags['valid-from'] && !validFrom) || (flags['valid-to'] && !validTo)) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: this.usage }));
      return 1;
    }
    try {
      const table = await readTableFile(file);
      const outcome = importUnitTable(ctx.store.db, table, {
        ...(validFrom ? { validFrom } : {}),
        ...(validTo ? { validTo } : {}),
      });
      if (!outcome.ok) {
        printIssues(ctx, tr, outcome.issues);
        return 1;
      }
      ctx.io.out(tr.t('campaign:cli.unitsImported', { rows: outcome.rows, ...outcome.summary }));
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
