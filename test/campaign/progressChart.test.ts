// The /tiendo chart's x axis is time: a last step of one day looks like a day, not a week.
import { describe, expect, it } from 'vitest';
import { chartXPositions, cumulativePoints, progressChartSvg } from '../../src/campaign/progress/chart.js';
import { ZERO_COUNTS } from '../../src/campaign/kpi.js';

const counts = (total: number, online: number) => ({
  ...ZERO_COUNTS,
  receivedTotal: total,
  receivedOnline: online,
  digitized: online,
  feeDossiers: total,
  paidOnline: online,
});
const text = {
  rates: { online: 'Trực tuyến', payment: 'Thanh toán', digitization: 'Số hóa' },
  percent: (r: number) => `${Math.round(r * 100)}%`,
};
const targets = { online: 0.8, payment: 0.5, digitization: 0.9 };

/** Weekly periods ending on Thursdays, the last one's data running only to the Friday after. */
const weekly = ['2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26', '2026-12-03'].map((weekEnd, i) => ({
  weekEnd,
  counts: counts(100, 40 + i * 5),
}));
const until = '2026-11-27';
const points = cumulativePoints(
  weekly,
  (weekEnd) => (weekEnd < until ? weekEnd : until),
  (day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`,
);

/** The points a path's `M x y` moves go to (ticks and dots are drawn as one path each). */
function moves(svg: string, filter: (el: string) => boolean): { x: number; y: number }[] {
  const path = [...svg.matchAll(/<path [^>]*>/g)].map((m) => m[0]).find(filter)!;
  const d = /d="([^"]+)"/.exec(path)![1]!;
  return [...d.matchAll(/M([\d.]+) ([\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

describe('the /tiendo chart on a time axis', () => {
  it('puts each point at its date: a one-day last step is a seventh of a week-long one', () => {
    expect(points.map((p) => p.date)).toEqual(['2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26', '2026-11-27']);
    const svg = progressChartSvg(points, targets, text);
    // The online line's dots, as drawn.
    const xs = moves(svg, (el) => el.includes('#1f77b4') && el.includes('class="dots"')).map((m) => m.x);
    expect(xs).toHaveLength(5);
    expect(xs).toEqual(chartXPositions(points).map((x) => Number(x.toFixed(1))));
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const week of gaps.slice(0, 3)) expect(week).toBeCloseTo(gaps[0]!, 0);
    expect(gaps[3]! / gaps[0]!).toBeCloseTo(1 / 7, 2);
    // The line itself goes through the same places.
    const line = /<polyline points="([^"]+)"[^>]*stroke="#1f77b4"/
      .exec(svg)![1]!
      .split(' ')
      .map((pt) => Number(pt.split(',')[0]));
    expect(line).toEqual(xs);
  });

  it("labels the ticks with the points' dates (dd/mm), the last always, never two on top of each other", () => {
    const svg = progressChartSvg(points, targets, text);
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="(\d+)" text-anchor="middle" fill="#555">([^<]+)<\/text>/g)].map(
      (m) => ({ x: Number(m[1]), label: m[3]! }),
    );
    const xs = chartXPositions(points);
    for (const { x, label } of labels) {
      const i = points.findIndex((p) => p.label === label);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(x).toBeCloseTo(xs[i]!, 1);
    }
    expect(labels.map((l) => l.label)).toContain('27/11');
    expect(labels.map((l) => l.label)).toContain('05/11');
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual(40);
    // A tick mark at every point's date, labelled or not.
    const ticks = moves(svg, (el) => el.includes('class="ticks"')).map((m) => m.x);
    expect(ticks).toEqual(xs.map((x) => Number(x.toFixed(1))));
  });

  it('puts a single point in the middle', () => {
    expect(chartXPositions([{ date: '2026-11-05' }])).toEqual([56 + (720 - 56 - 36) / 2]);
  });
});
