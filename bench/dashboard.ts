// 9. The dashboard's overview at national scale: on the 10.000-unit national tree of part 2
// (country → provinces → communes, 52 weeks of counts), the time the server spends on GET
// /web/overview/:code signed in, over a real loopback connection (the session and role
// lookups, the permission check, the queries, the table, the chart's SVG, the Eta
// templates and the reply written to the socket: the whole server-side render; the same
// page through fastify's inject beside it), for the country with its default table
// (the provinces), the country with every commune in the table (`?kind=commune`: all are
// read and sorted, 100 shown), and one province. The baseline is the SQL the page needs,
// run directly on the same connection: one statement reading what the page reads from the
// same tables (the session and roles, the campaign, the unit's subtree week by
// week, its peers' sums for the rank, the table's units with their sums and parent names,
// the kinds of unit below, the community roll-ups). Beside them, the same page with every
// store call answered from memory: what the page costs besides its queries.
import { createHash } from 'node:crypto';
import { buildApp } from '../src/http/app.js';
import { Texts } from '../src/i18n/index.js';
import { registerDashboard } from '../src/web/dashboard.js';
import { overviewData } from '../src/web/pages/overview.js';
import { unitProgress } from '../src/campaign/progress/unitProgress.js';
import type { UnitKind } from '../src/campaign/units/types.js';
import { TableQuerySchema } from '../src/web/pages/unitTable.js';
import { generateTree } from './support/nationalTree.js';
import { openTempStore } from './support/tempStore.js';
import { percentile, timeRuns, type Timing } from './support/stats.js';
import { emit, ms, x, type PartResult, type ResultRow } from './support/result.js';
import { windowProfiler } from './support/cpuProfile.js';
import { overviewBaseline } from './support/overviewBaseline.js';
import { storeFromMemory } from './support/storeFromMemory.js';
import { overLoopback } from './support/loopback.js';

const UNITS = Number(process.env.BENCH_TREE_UNITS ?? 10_000);
const WEEKS = 52;
const PART = '9. Dashboard';
const store = openTempStore('trolydvc-bench-dashboard-');

const t0 = performance.now();
const tree = await generateTree(store, { units: UNITS, provinces: 63, weeks: WEEKS });
const generatedMs = performance.now() - t0;

// The dashboard on the bot's app, as src/main.ts registers it, at a fixed moment on the
// tree's last day; one official who may see every unit (a compiler on the country).
const now = new Date(`${tree.today}T15:00:00+07:00`);
const texts = Texts.load('vi');
const { person } = await store.persons.findOrCreate({ channel: 'terminal', externalId: 'bench' }, 'vi');
await store.roles.grantRole(person.id, tree.root, 'compiler', now);
const session = await store.webSessions.openSession(person.id, now);

/** A page's HTML as a fixed body, served by a bare route: what serving 30 KB costs by itself. */
const FIXED_PAGE = '/bench/fixed-page';
let fixedPage = '';

/** The dashboard over `pages`, served on a loopback port, with the cookies a signed-in browser sends it. */
async function dashboardOn(pages: typeof store) {
  // Without the overload guard: the bench runs 100-ms statements back to back, which the
  // guard would read as an overloaded loop and answer with 503.
  const app = buildApp({ store: pages, version: 'bench', pressure: { maxEventLoopDelayMs: 0 } });
  app.get(FIXED_PAGE, async (_request, reply) => reply.type('text/html; charset=utf-8').send(fixedPage));
  await registerDashboard(app, {
    store: pages,
    texts,
    now: () => now,
    defaultLocale: 'vi',
    settings: { publicDashboard: false, publicUnits: false, baseUrl: undefined },
  });
  await app.ready();
  // A browser sends back the CSRF secret the first page set, so later pages only sign a token with it.
  const firstPage = await app.inject({
    method: 'GET',
    url: `/web/overview/${tree.root}`,
    headers: { cookie: `dvc_session=${session.id}` },
  });
  const csrfCookie = String(firstPage.headers['set-cookie'] ?? '').split(';')[0];
  return { app, headers: { cookie: `dvc_session=${session.id}; ${csrfCookie}` }, loopback: await overLoopback(app) };
}
const served = await dashboardOn(store);
// The same pages with every store call answered from memory after the first.
const servedFromMemory = await dashboardOn(storeFromMemory(store));

const baseline = overviewBaseline(store.db);
// The session table keeps its ids' hashes only.
const sessionHash = createHash('sha256').update(session.id).digest('hex');

interface Target {
  level: string;
  code: string;
  search: string;
  /** The rows the table lists (all of them, before paging), to check the page and the baseline agree. */
  listed: number;
  /** Rounds of timings: fewer where a page reads more. */
  runs: number;
  /** Unmeasured rounds first, so the page's code runs optimized as a server's would after its first minutes. */
  warmup: number;
}
const province = tree.provinces[Math.floor(tree.provinces.length / 2)]!;
const communesOf = (code: string) => tree.communes.filter((c) => c.startsWith(`${code}-`)).length;
const targets: Target[] = [
  { level: 'country', code: tree.root, search: '', listed: tree.provinces.length, runs: 300, warmup: 200 },
  {
    level: 'country, every commune',
    code: tree.root,
    search: '?kind=commune',
    listed: tree.communes.length,
    runs: 11,
    warmup: 2,
  },
  { level: 'province', code: province, search: '', listed: communesOf(province), runs: 300, warmup: 200 },
];

async function page(url: string, on = served): Promise<string> {
  const response = await on.app.inject({ method: 'GET', url, headers: on.headers });
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return response.body;
}

/** The page over the loopback connection: the milliseconds the server spent on it. */
async function serverSide(url: string, on = served, status = 200): Promise<number> {
  const response = await on.loopback.get(url, on.headers);
  if (response.status !== status) throw new Error(`GET ${url}: ${response.status} ${response.body.slice(0, 300)}`);
  return response.serverMs;
}

const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

const profiler = windowProfiler(process.env.BENCH_CPU_PROF);

/**
 * Times each task once per round, in turn, after `warmup` unmeasured rounds, for `rounds`
 * rounds or until `budgetMs` is spent (at least 5); milliseconds, by task. A task that
 * returns a number has measured itself (the server's side of a request): that number counts.
 */
async function timeInTurn<K extends string>(
  tasks: Record<K, () => unknown>,
  opts: { rounds: number; warmup: number; budgetMs: number },
): Promise<Record<K, Timing>> {
  const names = Object.keys(tasks) as K[];
  for (let i = 0; i < opts.warmup; i++) for (const name of names) await tasks[name]();
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const deadline = performance.now() + opts.budgetMs;
  for (let round = 0; round < opts.rounds && (round < 5 || performance.now() < deadline); round++)
    for (const name of names) {
      const t0 = performance.now();
      const own = await tasks[name]();
      samples[name].push(typeof own === 'number' ? own : performance.now() - t0);
    }
  return Object.fromEntries(
    names.map((name) => [
      name,
      { p50: percentile(samples[name], 50), p95: percentile(samples[name], 95), n: samples[name].length },
    ]),
  ) as Record<K, Timing>;
}
const tr = texts.for('vi');
const range = { from: tree.startsOn, to: tree.today };

/**
 * The store calls the page makes, in its order, without building anything from them: the
 * viewer (session, person, roles; a compiler's permission reads nothing more), unitProgress
 * without the children (unit, campaign, weeks, parent, peers), the table, the parent
 * filter's children when the table is filtered (unfiltered, it is the children), the kinds
 * below and the community figures.
 */
async function pageQueries(code: string, filter: { kind?: UnitKind }): Promise<void> {
  const found = await store.webSessions.sessionOf(session.id, now);
  await store.persons.get(found!.personId);
  await store.roles.rolesOf(found!.personId);
  const lookup = await unitProgress(store, code, tree.today, { children: false });
  if (lookup.status !== 'ok') throw new Error(`no progress for ${code}`);
  await store.statistics.unitsWithCountsUnder(code, lookup.progress.range, filter);
  if (filter.kind) await store.units.childrenOf(code);
  await store.units.kindsBelow(code, lookup.progress.range.to);
  await store.households.totalsUnder(code);
  await store.community.handoffFiguresUnder(code, range);
  await store.guideOutcomes.guideOutcomeTotalsUnder(code, range);
}

// What any signed-in page costs the server without figures: an unknown unit's 404 page (the
// session, person and roles, one unit lookup, the layout rendered, fastify, helmet and cookies).
const bare = await timeInTurn(
  { notFound: () => serverSide('/web/overview/NO-SUCH-UNIT', served, 404) },
  { rounds: 200, warmup: 20, budgetMs: 3000 },
);

const measured: {
  target: Target;
  url: string;
  sql: Timing;
  queries: Timing;
  table: Timing;
  data: Timing;
  page: Timing;
  inject: Timing;
  fromMemory: Timing;
  /** The page's HTML as a fixed body from a bare route, server-side and through inject. */
  fixed: Timing;
  fixedInject: Timing;
  bytes: number;
  rows: number;
}[] = [];
for (const target of targets) {
  const url = `/web/overview/${encodeURIComponent(target.code)}${target.search}`;
  const query = TableQuerySchema.parse(Object.fromEntries(new URLSearchParams(target.search)));
  const filter = query.kind ? { kind: query.kind } : {};
  const statement = query.kind ? 'kind' : 'children';
  const params = { session: sessionHash, now: now.toISOString(), unit: target.code, ...range, kind: query.kind ?? null };
  // Both sides must list the same units: the page's caption says how many.
  const html = await page(url);
  // The page from memory is the same page (its CSRF token aside, new on every page).
  if (withoutToken(await page(url, servedFromMemory)) !== withoutToken(html))
    throw new Error(`${target.level}: the page from memory differs from the page`);
  const sums = baseline.run(statement, params);
  // The baseline found what the page finds: the session, the role, the campaign.
  for (const part of ['session', 'role', 'campaign'])
    if (!sums.some((r) => r[0] === part)) throw new Error(`${target.level}: the baseline read no ${part}`);
  const listed = sums.filter((r) => r[0] === 'row').length;
  const caption = /<caption>[^<]*?([\d.]+)/.exec(html)?.[1]?.replace(/\./g, '');
  if (listed !== target.listed || Number(caption) !== target.listed)
    throw new Error(`${target.level}: the page lists ${caption}, the baseline ${listed}, the tree ${target.listed}`);
  // And the same dossiers received, in the subtree and in the table's rows.
  const received = (part: string) => sums.filter((r) => r[0] === part).reduce((n, r) => n + Number(r[5] ?? 0), 0);
  const lookup = await unitProgress(store, target.code, tree.today);
  const tableRows = await store.statistics.unitsWithCountsUnder(target.code, range, filter);
  const pageSubtree = lookup.status === 'ok' ? lookup.progress.total.receivedTotal : NaN;
  const pageTable = tableRows.reduce((n, r) => n + r.counts.receivedTotal, 0);
  if (received('week') !== pageSubtree || received('row') !== pageTable)
    throw new Error(`${target.level}: the baseline's sums differ from the page's`);

  fixedPage = html;

  // The steps in turn within each round, so a change in the machine's load between them
  // moves all of them alike.
  const timings = await timeInTurn(
    {
      sql: () => baseline.run(statement, params),
      page: () => serverSide(url),
      inject: () => page(url),
      queries: () => pageQueries(target.code, filter),
      // The table's statement alone, the largest of the store calls.
      table: () => store.statistics.unitsWithCountsUnder(target.code, range, filter),
      data: () => overviewData(store, tr, target.code, query, now),
      fromMemory: () => serverSide(url, servedFromMemory),
      fixed: () => serverSide(FIXED_PAGE),
      fixedInject: () => page(FIXED_PAGE),
    },
    { rounds: target.runs, warmup: target.warmup, budgetMs: 20_000 },
  );
  // With BENCH_CPU_PROF, the page alone is profiled, after the timings, a file per page.
  if (process.env.BENCH_CPU_PROF) {
    await profiler.start();
    await timeRuns(() => serverSide(url), { runs: target.runs, warmup: 0, budgetMs: 10_000 });
    await profiler.stop(`dashboard-${target.level.replace(/\W+/g, '-')}`);
  }
  const { sql, queries, table, data } = timings;
  measured.push({
    target,
    url,
    sql,
    queries,
    table,
    data,
    page: timings.page,
    inject: timings.inject,
    fromMemory: timings.fromMemory,
    fixed: timings.fixed,
    fixedInject: timings.fixedInject,
    bytes: Buffer.byteLength(html),
    rows: listed,
  });
}
await served.loopback.close();
await servedFromMemory.loopback.close();
await store.close();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const both = (t: Timing) => `${ms(t.p50)} / ${ms(t.p95)}`;
const rows: ResultRow[] = measured.map((m) => {
  const ratio = m.page.p50 / m.sql.p50;
  return {
    part: PART,
    // The HTML's size goes with the value: the runner matches rows across runs by `what`.
    what: `overview, ${m.target.level}: signed-in page p50, server-side`,
    value: `${ms(m.page.p50)} (HTML ${kb(m.bytes)})`,
    baseline: `${ms(m.sql.p50)} one SQL statement, the page's reads, same tables`,
    ratio,
    goal: '≤ 2×',
    met: ratio <= 2,
  };
});
const details = [
  `${UNITS.toLocaleString('en-US')} units (1 country root, 63 provinces, ${tree.communes.length.toLocaleString('en-US')} communes), ` +
    `${tree.rows.toLocaleString('en-US')} weekly rows (${WEEKS} weeks), generated in ${(generatedMs / 1000).toFixed(1)} s on a SQLite file in WAL mode. ` +
    '"page" is the time the server spends on a signed-in GET /web/overview/:code over a real loopback connection ' +
    "(kept alive, as a browser keeps it), from the request's arrival to the last byte handed to the socket: the " +
    "session, person and roles read, the permission check, the page's queries, the table sorted and cut to its first " +
    '100 rows, the chart drawn as SVG, the Eta templates rendered, headers (helmet, CSRF token) and all, with the ' +
    'cookies a browser sends back (the session and the CSRF secret the first page set), after 200 unmeasured rounds ' +
    "(2 for every commune), so that the page's code runs optimized as a server's does after its first minutes. " +
    '"inject" is the same page through fastify\'s inject, which also builds the response and ' +
    'decodes its body in the same process: "fixed body" shows what that costs by itself, the same HTML sent by a bare ' +
    'route, server-side and through inject. The baseline ' +
    'is one SQL statement on the same ' +
    "connection reading what the page reads, from the same tables: who is looking (the live session and its person's " +
    "language, the roles; a compiler's permission reads nothing more), the campaigns covering " +
    "the unit with their definitions, the unit and its parent's name, the subtree " +
    "week by week, its peers' sums for the rank (units of its kind under its parent), the table's units with their kind, " +
    "parent name and subtree sums (the unit's children by default; with `?kind=commune` every commune below through the " +
    "closure, and the children apart for the parent filter), the kinds of unit below (the kind filter), and the community section's roll-ups (the tree has none, so " +
    'both sides find them empty). Between the two: "store calls" are the calls the page makes to the store, in its order, ' +
    "with nothing built from them (of which, timed alone, the table's statement, unitsWithCountsUnder, p50); " +
    '"data" is overviewData(), the calls and the view model (table, texts, chart SVG) ' +
    'without HTML; "from memory" is the page served (server-side, as "page") by the same code over a store that answers every call from ' +
    'memory after its first (the same results): the page without its queries, which shows how much of the page ' +
    'is not SQL at all. Each figure is the median (p50) of repeated timings in one process, the steps taken in turn in ' +
    'each round so that a change in the load moves them alike; the ratio is page p50 ÷ SQL p50.',
  '',
  '| page | units listed | HTML | SQL p50 / p95 | store calls p50 / p95 | of which the table | data p50 / p95 | page p50 / p95 | page ÷ SQL | through inject p50 | from memory p50 | from memory ÷ SQL | fixed body: server-side / inject p50 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...measured.map(
    (m) =>
      `| ${m.target.level} (\`${m.url}\`) | ${m.rows.toLocaleString('en-US')} | ${kb(m.bytes)} | ${both(m.sql)} | ` +
      `${both(m.queries)} | ${ms(m.table.p50)} | ${both(m.data)} | ${both(m.page)} | ${x(m.page.p50 / m.sql.p50)} | ` +
      `${ms(m.inject.p50)} | ${ms(m.fromMemory.p50)} | ${x(m.fromMemory.p50 / m.sql.p50)} | ` +
      `${ms(m.fixed.p50)} / ${ms(m.fixedInject.p50)} |`,
  ),
  '',
  `A signed-in page without figures (an unknown unit's 404: the session, person and roles, one unit looked up, the ` +
    `layout rendered, fastify, helmet and cookies) takes the server ${both(bare.notFound)}.`,
];
const result: PartResult = { part: '9', title: 'Dashboard overview at national scale', rows, details };
emit(result);
