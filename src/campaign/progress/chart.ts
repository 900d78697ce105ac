// A small line chart of a unit's three rates week by week (cumulative since the campaign
// started) against the targets, drawn as SVG and rendered to PNG with resvg. The x axis is
// time: a point sits at its date, so a last step of one day looks like one day, not a
// week. Labels are few and short; the caption carries the words.
import { Resvg } from '@resvg/resvg-js';
import { addCounts, type Counts, fractionOf, RATE_NAMES, type RateName, ZERO_COUNTS } from '../kpi.js';
import type { Targets } from '../definition/schema.js';

export interface ChartSeriesPoint {
  /** The last day the point covers (yyyy-mm-dd): where it sits on the time axis. */
  date: string;
  /** Short label under the x axis at that date, e.g. `08/12`. */
  label: string;
  counts: Counts;
}

export interface ChartText {
  /** Legend label of each rate. */
  rates: Record<RateName, string>;
  /** Formats a ratio as a percentage for the y axis (`50%`). */
  percent(ratio: number): string;
}

const COLORS: Record<RateName, string> = { online: '#1f77b4', payment: '#d62728', digitization: '#2ca02c' };
const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 56, right: 36, top: 44, bottom: 44 };
/** Least room between two date labels' centres (a `dd/mm` label is about 35 px wide). */
const LABEL_GAP = 44;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/**
 * A coordinate (never negative) to a tenth of a pixel, written from whole numbers: a
 * fraction's digits (toFixed, String) cost several times more, and a chart writes hundreds.
 */
function tenth(v: number): string {
  const n = Math.round(v * 10);
  const d = n % 10;
  return d === 0 ? String(n / 10) : `${(n - d) / 10}.${d}`;
}

/** Each point's x in the chart: proportional to its date between the first point's and the last's. */
export function chartXPositions(points: readonly Pick<ChartSeriesPoint, 'date'>[]): number[] {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  if (points.length === 0) return [];
  const first = dayNumber(points[0]!.date);
  const span = dayNumber(points[points.length - 1]!.date) - first;
  return points.map((p) => MARGIN.left + (span > 0 ? ((dayNumber(p.date) - first) * plotW) / span : plotW / 2));
}

/** Which points get a date label: the last always, the others while they leave room. */
function labelledIndexes(xs: readonly number[]): number[] {
  const last = xs.length - 1;
  const chosen: number[] = [];
  let previous = -Infinity;
  xs.forEach((x, i) => {
    if (i === last || (x - previous >= LABEL_GAP && xs[last]! - x >= LABEL_GAP)) {
      chosen.push(i);
      previous = x;
    }
  });
  return chosen;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function progressChartSvg(points: readonly ChartSeriesPoint[], targets: Targets, text: ChartText): string {
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xs = chartXPositions(points);
  const x = (i: number) => xs[i]!;
  const y = (ratio: number) => MARGIN.top + plotH * (1 - Math.min(1, Math.max(0, ratio)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e0e0e0"/>`);
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end" fill="#555">${escapeXml(text.percent(tick))}</text>`,
    );
  }
  // A tick at every point's date (one path: a year of weeks is 52 of them); labels where
  // they fit, the last one always.
  if (points.length)
    parts.push(`<path d="${xs.map((px) => `M${tenth(px)} ${HEIGHT - MARGIN.bottom}v5`).join('')}" stroke="#999" class="ticks"/>`);
  for (const i of labelledIndexes(xs))
    parts.push(
      `<text x="${tenth(x(i))}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" fill="#555">${escapeXml(points[i]!.label)}</text>`,
    );
  RATE_NAMES.forEach((name, n) => {
    const color = COLORS[name];
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(targets[name])}" y2="${y(targets[name])}" stroke="${color}" stroke-dasharray="6 4" stroke-opacity="0.6"/>`,
    );
    const coords = points
      .map((p, i) => ({ i, rate: fractionOf(p.counts, name).rate }))
      .filter((c): c is { i: number; rate: number } => c.rate !== undefined)
      .map((c) => `${tenth(x(c.i))},${tenth(y(c.rate))}`);
    if (coords.length > 1) parts.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${color}" stroke-width="3"/>`);
    // A dot at each point: zero-length strokes with round ends, one path for the line's dots.
    if (coords.length)
      parts.push(
        `<path d="${coords.map((c) => `M${c.replace(',', ' ')}h0`).join('')}" stroke="${color}" stroke-width="7" stroke-linecap="round" class="dots"/>`,
      );
    const lx = MARGIN.left + n * 210;
    parts.push(`<rect x="${lx}" y="14" width="14" height="4" fill="${color}"/>`);
    parts.push(`<text x="${lx + 20}" y="20" fill="#222">${escapeXml(text.rates[name])}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/**
 * Cumulative counts after each week, so the line shows where the campaign stands each
 * week. `dateOf` gives the last day a week's point covers (the current week stops at its
 * data); `label` the tick label for that day.
 */
export function cumulativePoints(
  weekly: readonly { weekEnd: string; counts: Counts }[],
  dateOf: (weekEnd: string) => string,
  label: (date: string) => string,
): ChartSeriesPoint[] {
  let running: Counts = { ...ZERO_COUNTS };
  return weekly.map((w) => {
    running = addCounts(running, w.counts);
    const date = dateOf(w.weekEnd);
    return { date, label: label(date), counts: running };
  });
}
