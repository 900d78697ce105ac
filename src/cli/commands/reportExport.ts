// report:export --week YYYY-MM-DD | --final --out FILE.xlsx [--unit CODE]: the compiled
// report as the compiler receives it from the bot.
import { writeFileSync } from 'node:fs';
import { ExportRequestSchema, resolveExport } from '../../campaign/reports/exportRequest.js';
import { reportWorkbook } from '../../campaign/reports/workbook.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

export const reportExportCommand: CliCommand = {
  name: 'report:export',
  usage: '--week YYYY-MM-DD|--final --out FILE.xlsx [--unit CODE]  the compiled weekly or final report as Excel',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const { _: _bare, ...flags } = parseFlags(args);
    const parsed = ExportRequestSchema.safeParse(flags);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.io.err(issue.message);
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    const resolved = await resolveExport(ctx.store, parsed.data);
    if ('problem' in resolved) {
      ctx.io.err(tr.t(`reports:cli.${resolved.problem}`));
      return 1;
    }
    const root = parsed.data.unit ?? resolved.definition.root;
    const bytes = await reportWorkbook(ctx.store, tr, root, resolved.period, ctx.now, { campaign: resolved.definition });
    writeFileSync(parsed.data.out, bytes);
    await ctx.store.audit.record({
      action: 'report.exported',
      unitCode: root,
      subject: `${resolved.period.kind}:${resolved.period.deadlineDay}`,
      details: { via: 'cli' },
      at: ctx.now,
    });
    ctx.io.out(tr.t('reports:cli.exported', { file: parsed.data.out }));
    return 0;
  },
};
