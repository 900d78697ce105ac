// guides:outcomes [--from DATE] [--to DATE] [--under CODE] — how many people each guide
// helped, per guide and per commune; counts only, never who.
import { parseDay } from '../../campaign/sourceTable/cells.js';
import type { GuideOutcome } from '../../guides/outcomes.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

type Tally = Record<GuideOutcome, number>;
const empty = (): Tally => ({ worked: 0, stuck: 0, gave_up: 0 });

export const guideOutcomesCommand: CliCommand = {
  name: 'guides:outcomes',
  usage: '[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--under UNIT]  how the citizen guides ended, per guide and commune',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const from = flags.from ? parseDay(flags.from) : undefined;
    const to = flags.to ? parseDay(flags.to) : undefined;
    const under = flags.under?.toUpperCase();
    if ((flags.from && !from) || (flags.to && !to) || (under && !(await ctx.store.units.getUnit(under)))) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    const rows = await ctx.store.guideOutcomes.guideOutcomeCounts({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(under ? { under } : {}),
    });
    if (rows.length === 0) {
      ctx.io.out(tr.t('guides:outcomes.none'));
      return 0;
    }
    const byGuide = new Map<string, Tally>();
    const byCommune = new Map<string, Tally>();
    for (const r of rows) {
      const g = byGuide.get(r.guide) ?? empty();
      g[r.outcome] += r.count;
      byGuide.set(r.guide, g);
      if (r.unitCode) {
        const c = byCommune.get(r.unitCode) ?? empty();
        c[r.outcome] += r.count;
        byCommune.set(r.unitCode, c);
      }
    }
    const line = (name: string, t: Tally) =>
      tr.t('guides:outcomes.line', {
        name,
        worked: tr.fmt.count(t.worked),
        stuck: tr.fmt.count(t.stuck),
        gaveUp: tr.fmt.count(t.gave_up),
      });
    ctx.io.out(tr.t('guides:outcomes.byGuide'));
    for (const [guide, t] of byGuide) ctx.io.out(line(tr.t(`guides:${guide}.title`), t));
    if (byCommune.size > 0) {
      ctx.io.out(tr.t('guides:outcomes.byCommune'));
      for (const [code, t] of byCommune) ctx.io.out(line((await ctx.store.units.getUnit(code))?.name ?? code, t));
    }
    return 0;
  },
};
