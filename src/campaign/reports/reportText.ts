// A report read back to people: its figures with the three rates, the period it covers,
// and beside a parent's own figures the totals of the units beneath it.
import type { Translator } from '../../i18n/index.js';
import { type Counts, fractionOf, RATE_NAMES } from '../kpi.js';
import { COUNT_FIELDS, HELP_FIELDS, type ReportAnswers, type ReportField } from './figures.js';
import type { ChildrenRollUp } from './rollUp.js';
import type { ReportingPeriod } from './week.js';

export function periodText(tr: Translator, period: Pick<ReportingPeriod, 'kind' | 'from' | 'to'>): string {
  return tr.t(period.kind === 'final' ? 'reports:period.final' : 'reports:period.weekly', {
    from: tr.fmt.day(period.from),
    to: tr.fmt.day(period.to),
  });
}

export function fieldValueText(tr: Translator, field: ReportField, answers: ReportAnswers): string {
  const value = answers[field];
  if (value === undefined) return tr.t('reports:summary.notAnswered');
  if (typeof value === 'number') return tr.fmt.count(value);
  return value === '' ? tr.t('reports:summary.none') : value;
}

export function rateLines(tr: Translator, counts: Counts): string[] {
  return RATE_NAMES.map((name) => {
    const f = fractionOf(counts, name);
    return tr.t('reports:summary.rateLine', {
      name: tr.t(`campaign:rates.${name}`),
      value: f.rate === undefined ? tr.t('campaign:progress.noFigure') : tr.fmt.percent(f.rate),
    });
  });
}

/** Every answer, one per line, with the rates right under the counts they come from. */
export function figuresText(tr: Translator, answers: ReportAnswers): string {
  const line = (f: (typeof COUNT_FIELDS)[number] | (typeof HELP_FIELDS)[number]) =>
    tr.t('reports:summary.line', { label: tr.t(`reports:fields.${f}.label`), value: fieldValueText(tr, f, answers) });
  const lines = COUNT_FIELDS.map(line);
  if (COUNT_FIELDS.every((f) => answers[f] !== undefined)) lines.push(...rateLines(tr, answers as Counts));
  lines.push(...HELP_FIELDS.map(line));
  lines.push(
    tr.t('reports:summary.textLine', {
      label: tr.t('reports:fields.difficulties.label'),
      value: fieldValueText(tr, 'difficulties', answers),
    }),
  );
  lines.push(
    tr.t('reports:summary.textLine', {
      label: tr.t('reports:fields.proposals.label'),
      value: fieldValueText(tr, 'proposals', answers),
    }),
  );
  return lines.join('\n');
}

/** The counts only, on one line each (the figures the system offers). */
export function countsText(tr: Translator, counts: Counts): string {
  return COUNT_FIELDS.map((f) =>
    tr.t('reports:summary.line', { label: tr.t(`reports:fields.${f}.label`), value: tr.fmt.count(counts[f]) }),
  ).join('\n');
}

/** Beside a parent's own figures: its children's filing and the totals beneath it. */
export function childrenText(tr: Translator, rollUp: ChildrenRollUp, own: Counts | undefined): string {
  const { below } = rollUp;
  const filed = rollUp.children.filter((c) => c.report).length;
  const lines = [
    tr.t('reports:children.heading', { filed, total: rollUp.children.length }),
    tr.t('reports:children.totals', {
      filed: below.filed,
      expected: below.expected,
      received: tr.fmt.count(below.counts.receivedTotal),
      online: tr.fmt.count(below.counts.receivedOnline),
      digitized: tr.fmt.count(below.counts.digitized),
      fees: tr.fmt.count(below.counts.feeDossiers),
      paid: tr.fmt.count(below.counts.paidOnline),
    }),
  ];
  if (own) {
    const all: Counts = {
      receivedTotal: own.receivedTotal + below.counts.receivedTotal,
      receivedOnline: own.receivedOnline + below.counts.receivedOnline,
      digitized: own.digitized + below.counts.digitized,
      feeDossiers: own.feeDossiers + below.counts.feeDossiers,
      paidOnline: own.paidOnline + below.counts.paidOnline,
    };
    lines.push(tr.t('reports:children.together'), ...rateLines(tr, all));
  }
  return lines.join('\n');
}
