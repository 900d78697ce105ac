// units:import FILE.csv [--valid-from DATE] [--valid-to DATE]
import { basename } from 'node:path';
import { importUnitTable } from '../../campaign/units/importUnits.js';
import { parseDay } from '../../campaign/sourceTable/cells.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, importTableFile } from './campaignCliText.js';

export const unitsImportCommand: CliCommand = {
  name: 'units:import',
  usage: 'FILE.csv [--valid-from YYYY-MM-DD] [--valid-to YYYY-MM-DD]  load or update the unit tree',
  run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const file = flags._;
    const validFrom = flags['valid-from'] ? parseDay(flags['valid-from']) : undefined;
    const validTo = flags['valid-to'] ? parseDay(flags['valid-to']) : undefined;
    if (!file || (flags['valid-from'] && !validFrom) || (flags['valid-to'] && !validTo)) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    return importTableFile(ctx, tr, file, async (table) => {
      const outcome = await importUnitTable(ctx.store, table, {
        ...(validFrom ? { validFrom } : {}),
        ...(validTo ? { validTo } : {}),
      });
      if (!outcome.ok) return outcome;
      await ctx.store.audit.record({
        action: 'units.imported',
        subject: basename(file),
        details: { rows: outcome.rows },
        at: ctx.now,
      });
      return { ok: true, done: tr.t('campaign:cli.unitsImported', { rows: outcome.rows, ...outcome.summary }) };
    });
  },
};
