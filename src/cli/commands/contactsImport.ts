// contacts:import FILE.csv — the one-stop desk and community team contacts per commune.
import { readHelpContactTable } from '../../guides/helpContactTable.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, importTableFile } from './campaignCliText.js';

export const contactsImportCommand: CliCommand = {
  name: 'contacts:import',
  usage: 'FILE.csv  load or update the in-person help contacts of communes (see docs/guides.md)',
  run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    return importTableFile(ctx, tr, file, async (table) => {
      // Every code known up front: the table's rows are checked against it without a query each.
      const known = new Set((await ctx.store.units.allUnits()).map((u) => u.code));
      const { contacts, issues } = readHelpContactTable(table, (code) => known.has(code));
      if (issues.length > 0) return { ok: false, issues };
      const summary = await ctx.store.helpContacts.saveHelpContacts(contacts, ctx.now);
      return { ok: true, done: tr.t('guides:import.done', { rows: contacts.length, ...summary }) };
    });
  },
};
