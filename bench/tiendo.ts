// 2. /tiendo at scale: a 10.000-unit national tree (country → provinces → communes) with
// 52 weeks of counts; the time to build the /tiendo reply for a commune, a province and
// the country, against the best single SQL statement computing the same numbers from the
// same tables the reply reads (the subtree sums in unit_statistic_rollup, and the community
// section's roll-ups of household coverage, requests for a person and guide outcomes). The
// statement over the raw rows is reported beside it, as what the roll-ups save.
import { showProgress } from '../src/campaign/progress/tiendoCommand.js';
import { unitProgress } from '../src/campaign/progress/unitProgress.js';
import { generateTree } from './support/nationalTree.js';
import { openTempStore } from './support/tempStore.js';
import { progressContext, replyTargets, timeReply } from './support/progressReply.js';
import { timeRuns, type Timing } from './support/stats.js';
import { emit, ms, type PartResult, type ResultRow } from './support/result.js';
import { windowProfiler } from './support/cpuProfile.js';

const UNITS = Number(process.env.BENCH_TREE_UNITS ?? 10_000);
const WEEKS = 52;
const store = openTempStore('trolydvc-bench-tiendo-');
// The baselines are SQLite statements prepared on the raw connection: the best one
// statement can do on this engine (rowid grouping, julianday), beside the reply's queries.
const db = store.db;

const t0 = performance.now();
const tree = await generateTree(store, { units: UNITS, provinces: 63, weeks: WEEKS });
const generatedMs = performance.now() - t0;

// The baseline: one SQL statement computing the numbers the reply shows — the unit's
// subtree week by week, its siblings' totals (for the rank) and its children's totals (for
// the table), and the community section's household coverage, requests for a person and
// guide outcomes — over the campaign's whole range, from the roll-ups the reply itself reads.
// Grouped by the unit's rowid, as the reply's queries are: the parent index yields each
// child's rows in that order, so no sort is needed (grouping by code sorts them first).
const sumsOf = (t: string) =>
  `SUM(${t}.received_total), SUM(${t}.received_online), SUM(${t}.digitized), SUM(${t}.fee_dossiers), SUM(${t}.paid_online)`;
const COMMUNITY = `
  UNION ALL
  SELECT 'households', h.communes, h.units_recorded, h.visited, h.with_account, NULL, NULL FROM household_coverage_rollup h
   WHERE h.ancestor_code = @unit
  UNION ALL
  SELECT 'requests', SUM(t.opened), SUM(t.answered), SUM(t.waited), SUM(t.wait_ms), SUM(t.rated), SUM(t.rating_sum)
    FROM handoff_rollup t WHERE t.ancestor_code = @unit AND t.opened_day BETWEEN @from AND @to
  UNION ALL
  SELECT 'guides', g.outcome, SUM(g.count), NULL, NULL, NULL, NULL FROM guide_outcome_rollup g
   WHERE g.ancestor_code = @unit AND g.day BETWEEN @from AND @to GROUP BY g.outcome`;
const fromRollup = db.prepare(`
  SELECT 'week', r.week_end, ${sumsOf('r')} FROM unit_statistic_rollup r
   WHERE r.ancestor_code = @unit AND r.to_date BETWEEN @from AND @to GROUP BY r.week_end
  UNION ALL
  SELECT 'sibling', u.code, ${sumsOf('r')} FROM unit u
    JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND r.to_date BETWEEN @from AND @to
   WHERE u.parent_code = (SELECT parent_code FROM unit WHERE code = @unit) GROUP BY u.rowid
  UNION ALL
  SELECT 'child', u.code, ${sumsOf('r')} FROM unit u
    JOIN unit_statistic_rollup r ON r.ancestor_code = u.code AND r.to_date BETWEEN @from AND @to
   WHERE u.parent_code = @unit GROUP BY u.rowid${COMMUNITY}`);
// The same statement without the roll-ups: the raw rows through the closure table.
const SUMS = sumsOf('s');
const fromRawRows = db.prepare(`
  SELECT 'week', s.week_end, ${SUMS} FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code
   WHERE c.ancestor_code = @unit AND s.to_date BETWEEN @from AND @to GROUP BY s.week_end
  UNION ALL
  SELECT 'sibling', u.code, ${SUMS} FROM unit u JOIN unit_closure c ON c.ancestor_code = u.code
    JOIN unit_statistic s ON s.unit_code = c.descendant_code AND s.to_date BETWEEN @from AND @to
   WHERE u.parent_code = (SELECT parent_code FROM unit WHERE code = @unit) GROUP BY u.rowid
  UNION ALL
  SELECT 'child', u.code, ${SUMS} FROM unit u JOIN unit_closure c ON c.ancestor_code = u.code
    JOIN unit_statistic s ON s.unit_code = c.descendant_code AND s.to_date BETWEEN @from AND @to
   WHERE u.parent_code = @unit GROUP BY u.rowid
  UNION ALL
  SELECT 'households', CASE WHEN COUNT(h.unit_code) > 0 THEN (SELECT COUNT(*) FROM unit_closure k JOIN unit u ON u.code = k.descendant_code
                                                               WHERE k.ancestor_code = @unit AND u.kind = 'commune') END,
         COUNT(DISTINCT h.unit_code), SUM(h.visited), SUM(h.with_account), NULL, NULL
    FROM unit_closure c JOIN household_coverage h ON h.unit_code = c.descendant_code WHERE c.ancestor_code = @unit
  UNION ALL
  SELECT 'requests', COUNT(*), COUNT(t.first_answer_at), AVG((julianday(t.first_answer_at) - julianday(t.opened_at)) * 1440),
         AVG(t.rating), COUNT(t.rating), NULL
    FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code
   WHERE c.ancestor_code = @unit AND t.opened_day BETWEEN @from AND @to
  UNION ALL
  SELECT 'guides', g.outcome, SUM(g.count), NULL, NULL, NULL, NULL FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code
   WHERE c.ancestor_code = @unit AND g.day BETWEEN @from AND @to GROUP BY g.outcome`);

const profiler = windowProfiler(process.env.BENCH_CPU_PROF);
const measured: {
  level: string;
  code: string;
  sql: Timing;
  raw: Timing;
  text: Timing;
  chart: Timing;
  data: Timing;
  peers?: Timing;
  children: number;
}[] = [];
for (const target of replyTargets(tree)) {
  const { level, code, opts } = target;
  const half = { ...opts, runs: Math.ceil(opts.runs / 2) };
  const params = { unit: code, from: tree.startsOn, to: tree.today };
  const sql = await timeRuns(() => fromRollup.raw().all(params), opts);
  const raw = await timeRuns(() => fromRawRows.raw().all(params), half);
  if (level === 'country') await profiler.start();
  const text = await timeReply(store, tree, target);
  if (level === 'country') await profiler.stop('tiendo-country');
  const data = await timeRuns(() => unitProgress(store, code, tree.today), half);
  const chart = await timeRuns(() => showProgress(progressContext(tree, true), store, code), half);
  const lookup = await unitProgress(store, code, tree.today);
  // The rank among siblings sums every sibling's subtree: timed alone to show its share.
  const parent = (await store.units.getUnit(code))?.parentCode;
  const peers = parent
    ? await timeRuns(() => store.statistics.childCountsUnder(parent, { from: tree.startsOn, to: tree.today }), half)
    : undefined;
  measured.push({
    level,
    code,
    sql,
    raw,
    text,
    chart,
    data,
    ...(peers ? { peers } : {}),
    children: lookup.status === 'ok' ? lookup.progress.children.length : 0,
  });
}
await store.close();

const rows: ResultRow[] = [];
for (const m of measured) {
  const ratio = m.text.p95 / m.sql.p95;
  const under50 = m.level !== 'country' || m.text.p95 < 50;
  rows.push({
    part: '2. /tiendo',
    what: `${m.level}: reply p50 / p95`,
    value: `${ms(m.text.p50)} / ${ms(m.text.p95)}`,
    baseline: `${ms(m.sql.p50)} / ${ms(m.sql.p95)} one SQL statement, same numbers, same roll-up tables`,
    ratio,
    goal: m.level === 'country' ? 'p95 ≤ 2× and < 50 ms' : 'p95 ≤ 2×',
    met: ratio <= 2 && under50,
  });
}
const details = [
  `${UNITS.toLocaleString('en-US')} units (1 country root, 63 provinces, ${tree.communes.length.toLocaleString('en-US')} communes), ` +
    `${tree.rows.toLocaleString('en-US')} weekly rows (${WEEKS} weeks), generated in ${(generatedMs / 1000).toFixed(1)} s on a SQLite file in WAL mode. ` +
    '"reply" is showProgress() as /tiendo calls it, for a channel without images; "with chart" adds the PNG chart (resvg); ' +
    '"figures only" is unitProgress(), the queries without text, which read the subtree sums that triggers keep in ' +
    'unit_statistic_rollup (the generation time includes maintaining them). The baseline is one SQL statement over the ' +
    "roll-ups the reply reads, computing the same numbers: the subtree week by week, the siblings' totals for the rank, the " +
    "children's totals, and the community section's household coverage, requests for a person and guide outcomes (their " +
    'roll-ups, migration 014; the tree has no community data, so both sides find those empty). "without the roll-up" is ' +
    "that statement over the raw rows through the closure table, as the roll-ups' own gain.",
  '',
  '| unit | children | SQL on the roll-up p50 / p95 | SQL without the roll-up p50 / p95 | figures only p50 / p95 | reply p50 / p95 | reply with chart p50 / p95 | reply p95 ÷ roll-up SQL p95 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...measured.map(
    (m) =>
      `| ${m.level} (${m.code}) | ${m.children} | ${ms(m.sql.p50)} / ${ms(m.sql.p95)} | ${ms(m.raw.p50)} / ${ms(m.raw.p95)} | ` +
      `${ms(m.data.p50)} / ${ms(m.data.p95)} | ${ms(m.text.p50)} / ${ms(m.text.p95)} | ${ms(m.chart.p50)} / ${ms(m.chart.p95)} | ` +
      `${(m.text.p95 / m.sql.p95).toFixed(2)}× |`,
  ),
];
details.push(
  '',
  `Of which the siblings' totals for the rank (childCountsUnder of the parent), p50: ${measured
    .filter((m) => m.peers)
    .map((m) => `${m.level} ${ms(m.peers!.p50)}`)
    .join(', ')} (the country has no parent).`,
);
const result: PartResult = { part: '2', title: '/tiendo at national scale', rows, details };
emit(result);
