// /tiendo's answer, built from figures alone (no store, no clock): each rate as
// `412/1.020 = 40,4%` against its target, the change since last week, the rank among
// peers, the freshness of the data, then the children worst first.
import type { Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import { type Counts, type Fraction, fractionOf, RATE_NAMES, type RateName, rateOf } from '../kpi.js';
import { dayAsDate } from '../weeks.js';
import type { ChildFigures, UnitProgress } from './unitProgress.js';
import { compareUnitNames } from '../units/nameOrder.js';

/** Data older than this many days is flagged as not fresh. */
export const STALE_AFTER_DAYS = 7;

/**
 * Messages filled in plain code: an i18next call costs tens of microseconds, and /tiendo
 * needs one for each rate's details and each child's line. Each message goes through
 * i18next once per translator, with markers for its variables, so the text around them is
 * exactly the locale file's; what is kept is that text, never a filled-in line. Not for a
 * message with a `count` (its plural form depends on the number).
 */
type Say = (key: string, vars?: Record<string, string | number>) => string;

interface Template {
  names: readonly string[];
  /** Literal text at even positions, the index of a variable (in names) at odd ones. */
  parts: readonly string[];
}

const templatesOf = new WeakMap<Translator, Map<string, Template>>();

function templateOf(tr: Translator, key: string, names: readonly string[]): Template {
  let templates = templatesOf.get(tr);
  if (!templates) templatesOf.set(tr, (templates = new Map<string, Template>()));
  let template = templates.get(key);
  if (!template) {
    const markers = Object.fromEntries(names.map((name, i) => [name, `\u0000${i}\u0000`]));
    template = { names, parts: tr.t(key, markers).split('\u0000') };
    templates.set(key, template);
  }
  return template;
}

/** The template with its variables' values, in the order of its names. */
function fill(template: Template, values: readonly (string | number)[]): string {
  const { parts } = template;
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += String(values[Number(parts[i])]) + parts[i + 1]!;
  return text;
}

function messagesOf(tr: Translator): Say {
  return (key, vars = {}) => {
    if ('count' in vars) return tr.t(key, vars);
    const template = templateOf(tr, key, Object.keys(vars));
    return fill(
      template,
      template.names.map((name) => vars[name]!),
    );
  };
}

function fractionWith(tr: Translator, say: Say, f: Fraction): string {
  if (f.rate === undefined) return say('campaign:progress.noFigure');
  return say('campaign:progress.fraction', {
    num: tr.fmt.count(f.numerator),
    den: tr.fmt.count(f.denominator),
    percent: tr.fmt.percent(f.rate),
  });
}

export function fractionText(tr: Translator, f: Fraction): string {
  return fractionWith(tr, messagesOf(tr), f);
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

function targetText(tr: Translator, say: Say, target: number): string {
  return say(target >= 1 ? 'campaign:progress.targetFull' : 'campaign:progress.target', { target: targetPercent(tr, target) });
}

/** A child's rate in the table, marked when it meets its target. */
function childRateText(tr: Translator, say: Say, rate: number | undefined, target: number): string {
  if (rate === undefined) return say('campaign:progress.noFigure');
  const text = tr.fmt.percent(rate);
  return rate >= target - 1e-9 ? say('campaign:progress.metRate', { rate: text }) : text;
}

function rateLines(tr: Translator, say: Say, p: UnitProgress, name: RateName): string[] {
  const now = fractionOf(p.total, name);
  const target = p.campaign.targets[name];
  const details: string[] = [targetText(tr, say, target)];
  if (now.rate !== undefined) {
    details.push(
      now.rate >= target - 1e-9
        ? say('campaign:progress.met')
        : say('campaign:progress.short', { points: pointsText(tr, target - now.rate).replace(/^\+/, '') }),
    );
    const before = p.previous ? fractionOf(p.previous, name).rate : undefined;
    if (before !== undefined) details.push(say('campaign:progress.change', { points: pointsText(tr, now.rate - before) }));
    const rank = p.ranks[name];
    if (rank) details.push(say('campaign:progress.rank', { position: rank.position, of: rank.of }));
  }
  return [
    say('campaign:progress.rateLine', { name: say(`campaign:rates.${name}`), value: fractionWith(tr, say, now) }),
    `   ${details.join(' · ')}`,
  ];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function summaryText(tr: Translator, p: UnitProgress, today: string): string {
  const say = messagesOf(tr);
  const title = p.parent
    ? say('campaign:progress.titleWithParent', { unit: p.unit.name, parent: p.parent.name })
    : say('campaign:progress.title', { unit: p.unit.name });
  const lines = [title];
  const from = tr.fmt.date(dayAsDate(p.range.from));
  if (!p.dataUntil) {
    lines.push(say('campaign:progress.noData', { from }));
    for (const name of RATE_NAMES)
      lines.push(`• ${say(`campaign:rates.${name}`)}: ${targetText(tr, say, p.campaign.targets[name])}`);
    return lines.join('\n');
  }
  lines.push(say('campaign:progress.period', { from, until: tr.fmt.date(dayAsDate(p.dataUntil)) }));
  const age = daysBetween(p.dataUntil, today);
  if (age > STALE_AFTER_DAYS) lines.push(say('campaign:progress.stale', { days: age }));
  lines.push('');
  for (const name of RATE_NAMES) lines.push(...rateLines(tr, say, p, name));
  return lines.join('\n');
}

/** Worst first: no data at all, then the lowest online rate; ties by name. */
export function worstFirst(children: readonly ChildFigures[]): ChildFigures[] {
  const keyed = children.map((child) => ({ child, key: fractionOf(child.counts, 'online').rate ?? -1 }));
  keyed.sort((a, b) => a.key - b.key || compareUnitNames(a.child.unit.name, b.child.unit.name));
  return keyed.map((k) => k.child);
}

export function childLines(tr: Translator, p: UnitProgress): string[] {
  const say = messagesOf(tr);
  const lines = [tr.t('campaign:progress.childrenHeading', { count: p.children.length })];
  const targets = p.campaign.targets;
  const rates = (c: Counts): [string, string, string] => [
    childRateText(tr, say, rateOf(c.receivedOnline, c.receivedTotal), targets.online),
    childRateText(tr, say, rateOf(c.paidOnline, c.feeDossiers), targets.payment),
    childRateText(tr, say, rateOf(c.digitized, c.receivedTotal), targets.digitization),
  ];
  const line = templateOf(tr, 'campaign:progress.childLine', ['index', 'name', 'online', 'payment', 'digitization']);
  worstFirst(p.children).forEach((child, i) => lines.push(fill(line, [i + 1, child.unit.name, ...rates(child.counts)])));
  if (p.own.receivedTotal > 0 || p.own.feeDossiers > 0)
    lines.push(fill(templateOf(tr, 'campaign:progress.ownLine', ['online', 'payment', 'digitization']), rates(p.own)));
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
