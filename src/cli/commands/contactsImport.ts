// contacts:import FILE.csv — the one-stop desk and community team contacts per commune.
import { readTableFile, SourceTableError } from '../../campaign/sourceTable/index.js';
import { getUnit } from '../../campaign/units/repository.js';
import { readHelpContactTable } from '../../guides/helpContactTable.js';
import { saveHelpContacts } from '../../guides/helpContacts.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator, printIssues } from './campaignCliText.js';

export const contactsImportCommand: CliCommand = {
  name: 'contacts:import',
  usage: 'contacts:import FILE.csv  load or update the in-person help contacts of communes (see docs/guides.md)',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: this.usage }));
      return 1;
    }
    try {
      const table = await readTableFile(file);
      const { contacts, issues } = readHelpContactTable(table, (code) => getUnit(ctx.store.db, code) !== undefined);
      if (issues.length > 0) {
        printIssues(ctx, tr, issues);
        return 1;
      }
      const summary = saveHelpContacts(ctx.store.db, contacts, ctx.now);
      ctx.io.out(tr.t('guides:import.done', { rows: contacts.length, ...summary }));
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
