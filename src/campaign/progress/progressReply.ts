// /tiendo's answer, built from figures alone (no store, no clock): each rate as
// `412/1.020 = 40,4%` against its target, the change since last week, the rank among
// peers, the freshness of the data, then the children worst first.
import type { Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import { type Counts, type Fraction, fractionOf, RATE_NAMES, type RateName } from '../kpi.js';
import type { ChildFigures, UnitProgress } from './unitProgress.js';
import { compareUnitNames } from '../units/nameOrder.js';

/** Data older than this many days is flagged as not fresh. */
export const STALE_AFTER_DAYS = 7;

export function fractionText(tr: Translator, f: Fraction): string {
  if (f.rate === undefined) return tr.t('campaign:progress.noFigure');
  return tr.t('campaign:progress.fraction', {
    num: tr.fmt.count(f.numerator),
    den: tr.fmt.count(f.denominator),
    percent: tr.fmt.percent(f.rate),
  });
}

/** Percentage points with a sign: `+3,1`, `−0,4`, `0,0`. */
export function pointsText(tr: Translator, delta: number): string {
  const magnitude = tr.fmt.percent(Math.abs(delta)).replace(/\s*%$/, '');
  const rounded = Math.round(Math.abs(delta) * 1000);
  if (rounded === 0) return magnitude;
  return `${delta > 0 ? '+' : '−'}${magnitude}`;
}

/** A target reads as it is written in the plan: `50%`, not `50,0%`. */
function targetPercent(tr: Translator, target: number): string {
  return tr.fmt.percent(target).replace(/[,.]0%$/, '%');
}

function targetText(tr: Translator, target: number): string {
  return tr.t(target >= 1 ? 'campaign:progress.targetFull' : 'campaign:progress.target', { target: targetPercent(tr, target) });
}

/** A child's rate in the table, marked when it meets its target. */
function childRateText(tr: Translator, rate: number | undefined, target: number): string {
  if (rate === undefined) return tr.t('campaign:progress.noFigure');
  const text = tr.fmt.percent(rate);
  return rate >= target - 1e-9 ? tr.t('campaign:progress.metRate', { rate: text }) : text;
}

function rateLines(tr: Translator, p: UnitProgress, name: RateName): string[] {
  const now = fractionOf(p.total, name);
  const target = p.campaign.targets[name];
  const details: string[] = [targetText(tr, target)];
  if (now.rate !== undefined) {
    details.push(
      now.rate >= target - 1e-9
        ? tr.t('campaign:progress.met')
        : tr.t('campaign:progress.short', { points: pointsText(tr, target - now.rate).replace(/^\+/, '') }),
    );
    const before = p.previous ? fractionOf(p.previous, name).rate : undefined;
    if (before !== undefined) details.push(tr.t('campaign:progress.change', { points: pointsText(tr, now.rate - before) }));
    const rank = p.ranks[name];
    if (rank) details.push(tr.t('campaign:progress.rank', { position: rank.position, of: rank.of }));
  }
  return [
    tr.t('campaign:progress.rateLine', { name: tr.t(`campaign:rates.${name}`), value: fractionText(tr, now) }),
    `   ${details.join(' · ')}`,
  ];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function summaryText(tr: Translator, p: UnitProgress, today: string): string {
  const title = p.parent
    ? tr.t('campaign:progress.titleWithParent', { unit: p.unit.name, parent: p.parent.name })
    : tr.t('campaign:progress.title', { unit: p.unit.name });
  const lines = [title];
  const from = tr.fmt.day(p.range.from);
  if (!p.dataUntil) {
    lines.push(tr.t('campaign:progress.noData', { from }));
    for (const name of RATE_NAMES) lines.push(`• ${tr.t(`campaign:rates.${name}`)}: ${targetText(tr, p.campaign.targets[name])}`);
    return lines.join('\n');
  }
  lines.push(tr.t('campaign:progress.period', { from, until: tr.fmt.day(p.dataUntil) }));
  const age = daysBetween(p.dataUntil, today);
  if (age > STALE_AFTER_DAYS) lines.push(tr.t('campaign:progress.stale', { days: age }));
  lines.push('');
  for (const name of RATE_NAMES) lines.push(...rateLines(tr, p, name));
  return lines.join('\n');
}

/** Worst first: no data at all, then the lowest online rate; ties by name. */
export function worstFirst(children: readonly ChildFigures[]): ChildFigures[] {
  const keyed = children.map((child) => ({ child, key: fractionOf(child.counts, 'online').rate ?? -1 }));
  keyed.sort((a, b) => a.key - b.key || compareUnitNames(a.child.unit.name, b.child.unit.name));
  return keyed.map((k) => k.child);
}

export function childLines(tr: Translator, p: UnitProgress): string[] {
  const lines = [tr.t('campaign:progress.childrenHeading', { count: p.children.length })];
  const targets = p.campaign.targets;
  const rates = (c: Counts) => ({
    online: childRateText(tr, fractionOf(c, 'online').rate, targets.online),
    payment: childRateText(tr, fractionOf(c, 'payment').rate, targets.payment),
    digitization: childRateText(tr, fractionOf(c, 'digitization').rate, targets.digitization),
  });
  worstFirst(p.children).forEach((child, i) =>
    lines.push(tr.t('campaign:progress.childLine', { index: i + 1, name: child.unit.name, ...rates(child.counts) })),
  );
  if (p.own.receivedTotal > 0 || p.own.feeDossiers > 0) lines.push(tr.t('campaign:progress.ownLine', rates(p.own)));
  return lines;
}

/** Splits lines into messages no longer than the channel allows. */
export function packLines(lines: string[], maxLength: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > maxLength && current) {
      messages.push(current);
      current = line.slice(0, maxLength);
    } else current = next.slice(0, maxLength);
  }
  if (current) messages.push(current);
  return messages;
}

export interface ProgressReplyOptions {
  today: string;
  maxTextLength: number;
  chart?: Uint8Array;
}

export function progressReplies(tr: Translator, p: UnitProgress, opts: ProgressReplyOptions): Reply[] {
  const replies: Reply[] = packLines(summaryText(tr, p, opts.today).split('\n'), opts.maxTextLength).map((text) => ({ text }));
  if (p.children.length > 0 && p.dataUntil)
    replies.push(...packLines(childLines(tr, p), opts.maxTextLength).map((text) => ({ text })));
  // The chart rides on the first message: channels show the picture above its text.
  const first = replies[0];
  if (opts.chart && first) first.image = { png: opts.chart, caption: tr.t('campaign:chart.caption', { unit: p.unit.name }) };
  return replies;
}
