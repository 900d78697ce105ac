// campaign:load FILE.yaml: the campaign's dates and targets.
import { readCampaignFile } from '../../campaign/definition/loadFile.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

export const campaignLoadCommand: CliCommand = {
  name: 'campaign:load',
  usage: 'FILE.yaml  load or update a campaign definition (targets, start and end)',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const file = parseFlags(args)._;
    if (!file) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    const outcome = await readCampaignFile(file);
    if (!outcome.ok) {
      for (const p of outcome.problems)
        ctx.io.err(tr.t('campaign:cli.campaignProblem', { path: p.path || file, message: p.message }));
      return 1;
    }
    const d = outcome.definition;
    for (const code of [d.root, d.compiled_by].filter((c): c is string => c !== undefined))
      if (!(await ctx.store.units.getUnit(code))) {
        ctx.io.err(tr.t('campaign:cli.unknownUnit', { code }));
        return 1;
      }
    await ctx.store.campaigns.saveCampaign(d, ctx.now);
    ctx.io.out(
      tr.t('campaign:cli.campaignLoaded', {
        id: d.id,
        from: tr.fmt.day(d.starts_on),
        to: tr.fmt.day(d.ends_on),
        online: tr.fmt.percent(d.targets.online),
        payment: tr.fmt.percent(d.targets.payment),
        digitization: tr.fmt.percent(d.targets.digitization),
      }),
    );
    return 0;
  },
};
