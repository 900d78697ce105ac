// The three rates as the dashboard shows them, built from the same helpers as /tiendo's
// text so a number reads the same in the chat and on the page.
import type { Translator } from '../../i18n/index.js';
import { type Counts, fractionOf, RATE_NAMES, type RateName } from '../../campaign/kpi.js';
import type { Targets } from '../../campaign/definition/schema.js';
import { pointsText } from '../../campaign/progress/progressReply.js';
import type { Rank } from '../../campaign/progress/unitProgress.js';

export interface RateView {
  name: RateName;
  label: string;
  /** `33,2%`, or the "no figure" text. */
  percent: string;
  /** `412/1.020`, empty without a denominator. */
  fraction: string;
  target: string;
  met: boolean | undefined;
  /** "short by 3,1 points" / "target met"; empty without a figure. */
  verdict: string;
  /** "+0,4 points since last week"; empty when there is no earlier figure. */
  change: string;
  rank: string;
  /** 0..100 for the bar; undefined without a figure. */
  barPercent: number | undefined;
  targetPercent: number;
}

export function targetText(tr: Translator, target: number): string {
  return tr.fmt.percent(target).replace(/[,.]0%$/, '%');
}

export function rateViews(
  tr: Translator,
  counts: Counts,
  targets: Targets,
  extra: { previous?: Counts; ranks?: Partial<Record<RateName, Rank>> } = {},
): RateView[] {
  return RATE_NAMES.map((name) => {
    const f = fractionOf(counts, name);
    const target = targets[name];
    const met = f.rate === undefined ? undefined : f.rate >= target - 1e-9;
    const before = extra.previous ? fractionOf(extra.previous, name).rate : undefined;
    const rank = extra.ranks?.[name];
    return {
      name,
      label: tr.t(`campaign:rates.${name}`),
      percent: f.rate === undefined ? tr.t('campaign:progress.noFigure') : tr.fmt.percent(f.rate),
      fraction: f.rate === undefined ? '' : `${tr.fmt.count(f.numerator)}/${tr.fmt.count(f.denominator)}`,
      target: targetText(tr, target),
      met,
      verdict:
        f.rate === undefined
          ? ''
          : met
            ? tr.t('web:rates.met')
            : tr.t('web:rates.short', { points: pointsText(tr, target - f.rate).replace(/^\+/, '') }),
      change:
        f.rate !== undefined && before !== undefined ? tr.t('web:rates.change', { points: pointsText(tr, f.rate - before) }) : '',
      rank: rank ? tr.t('web:rates.rank', { position: rank.position, of: rank.of }) : '',
      barPercent: f.rate === undefined ? undefined : Math.min(100, f.rate * 100),
      targetPercent: Math.min(100, target * 100),
    };
  });
}

/** A table cell's rate: the percentage, or a dash without a figure. */
export function cellRate(tr: Translator, counts: Counts, name: RateName): { text: string; value: number | undefined } {
  const rate = fractionOf(counts, name).rate;
  return { text: rate === undefined ? '—' : tr.fmt.percent(rate), value: rate };
}

/** The three rates as a table row's cells. */
export function rateCells(tr: Translator, counts: Counts): Record<RateName, string> {
  return Object.fromEntries(RATE_NAMES.map((n) => [n, cellRate(tr, counts, n).text])) as Record<RateName, string>;
}
