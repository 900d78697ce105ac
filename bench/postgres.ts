// 8. PostgreSQL and replicas: part 1's webhook ingest and part 2's /tiendo replies on
// PostgreSQL, each beside the same work on the SQLite file in the same run, and two replicas
// of the server on one PostgreSQL schema beside one taking the same load. Needs a server
// (BENCH_DATABASE_URL, else TEST_DATABASE_URL); every schema it makes is dropped after use.
import { cpus } from 'node:os';
import { CONNECTIONS, DURATION_S, WARMUP_S, type Outcome } from './ingest/measure.js';
import { measureIngestOnEngines, type IngestOnEngines } from './postgres/ingest.js';
import { describeServer } from './postgres/server.js';
import { measureTiendoOnEngines, type TiendoOnEngines } from './postgres/tiendo.js';
import { benchDatabaseUrl, dropBenchSchemas } from './support/postgresSchemas.js';
import { stopServerProcesses } from './support/processes.js';
import { emit, ms, perSecond, type PartResult, type ResultRow } from './support/result.js';

const PART = '8. PostgreSQL';
const TITLE = 'PostgreSQL and replicas';

const micros = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} µs` : '—');
/** CPU per update of the bot processes and, when measured, of PostgreSQL's backends serving them. */
const totalCpu = (o: Outcome) => o.cpuPerUpdate + (Number.isFinite(o.databaseCpuPerUpdate) ? o.databaseCpuPerUpdate : 0);
const cpuText = (o: Outcome) =>
  Number.isFinite(o.databaseCpuPerUpdate)
    ? `${micros(totalCpu(o))} (${micros(o.cpuPerUpdate)} bot + ${micros(o.databaseCpuPerUpdate)} PostgreSQL)`
    : `${micros(o.cpuPerUpdate)} bot only (PostgreSQL's own not measured: its processes are not on this machine)`;
const rate = (o: Outcome) => `${perSecond(o.handledPerS)} (${o.p50} / ${o.p99} ms)`;
/** Cores the bots and PostgreSQL's backends kept busy during the measured window. */
const coresBusy = (o: Outcome) => ((totalCpu(o) * o.handledPerS) / 1e6).toFixed(2);
const duplicates = (o: Outcome) => Math.max(0, o.handled - o.uniqueSent);

function ingestRows({ sqlite, postgres, twoReplicas }: IngestOnEngines): ResultRow[] {
  return [
    {
      part: PART,
      what: 'ingest on PostgreSQL beside SQLite: updates/s (p50 / p99)',
      value: rate(postgres),
      baseline: `${rate(sqlite)} on SQLite`,
      ratio: postgres.handledPerS / sqlite.handledPerS,
    },
    {
      part: PART,
      what: 'ingest on PostgreSQL beside SQLite: CPU per update, bot and database',
      value: cpuText(postgres),
      baseline: `${micros(sqlite.cpuPerUpdate)} on SQLite (in the bot's process)`,
      ratio: totalCpu(postgres) / sqlite.cpuPerUpdate,
    },
    {
      part: PART,
      what: 'two replicas beside one, on PostgreSQL: updates/s (p50 / p99)',
      value: rate(twoReplicas),
      baseline: `${rate(postgres)} one replica`,
      ratio: twoReplicas.handledPerS / postgres.handledPerS,
    },
    {
      part: PART,
      what: 'two replicas beside one, on PostgreSQL: CPU per update, bots and database',
      value: cpuText(twoReplicas),
      baseline: `${cpuText(postgres)} one replica`,
      ratio: totalCpu(twoReplicas) / totalCpu(postgres),
    },
    {
      part: PART,
      what: 'redeliveries handled twice on PostgreSQL, one and two replicas',
      value: String(duplicates(postgres) + duplicates(twoReplicas)),
      baseline: `${postgres.redeliveries + twoReplicas.redeliveries} sent`,
      goal: '0',
      met: duplicates(postgres) + duplicates(twoReplicas) === 0,
    },
  ];
}

function tiendoRows(tiendo: TiendoOnEngines): ResultRow[] {
  return tiendo.postgres.replies.map((pg, i) => {
    const lite = tiendo.sqlite.replies[i]!;
    return {
      part: PART,
      what: `/tiendo on PostgreSQL beside SQLite, ${pg.level}: reply p50 / p95`,
      value: `${ms(pg.timing.p50)} / ${ms(pg.timing.p95)}`,
      baseline: `${ms(lite.timing.p50)} / ${ms(lite.timing.p95)} on SQLite`,
      ratio: pg.timing.p95 / lite.timing.p95,
    };
  });
}

function ingestDetails(ingest: IngestOnEngines): string[] {
  const { sqlite, postgres, twoReplicas } = ingest;
  return [
    '### Webhook ingest',
    '',
    `Part 1's "telegram, no shedding" scenario: first contacts from 20,000 people (1 in 20 a redelivery), autocannon with ` +
      `${CONNECTIONS} connections, ${WARMUP_S} s warm-up, then ${DURATION_S} s measured, answers to the same API stub. ` +
      'The server is the real app (createRuntime, the Telegram channel, buildApp) in its own process, on its SQLite file (WAL, ' +
      "synchronous = NORMAL) or with DATABASE_URL on a fresh schema; each PostgreSQL set-up gets a schema of its own. The bot's " +
      "CPU is its process's user + system time over the window. PostgreSQL's is the user + system time (/proc/<pid>/stat) of " +
      "the backends serving the bot's connections, found by their application name in pg_stat_activity; the server's " +
      'background processes (WAL writer, checkpointer), shared with whatever else uses the server, are left out. On SQLite ' +
      "the database's work is in the bot's own CPU.",
    '',
    '| set-up | handled/s | bot CPU per update | PostgreSQL CPU per update | bots + PostgreSQL, cores busy | API calls per update | p50 | p99 | statuses | errors | handled / unique sent | RSS at end |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[sqlite, postgres, twoReplicas].map(
      (o) =>
        `| ${o.name} | ${perSecond(o.handledPerS)} | ${micros(o.cpuPerUpdate)} | ${micros(o.databaseCpuPerUpdate)} | ${coresBusy(o)} | ` +
        `${o.apiCallsPerUpdate.toFixed(2)} | ${o.p50} ms | ${o.p99} ms | ${o.statuses} | ${o.errors} | ${o.handled} / ${o.uniqueSent} | ` +
        `${(o.rss / 1048576).toFixed(0)} MB |`,
    ),
    '',
    `Two replicas: two server processes on one schema, ${CONNECTIONS / 2} of the connections to each, so consecutive updates ` +
      "and one person's messages reach either; CPU and RSS are the two processes' together. This machine has " +
      `${cpus().length} cores, shared by the load generator, the API stub, PostgreSQL and the bots: with one replica, the bot ` +
      `and PostgreSQL's backends alone keep ${coresBusy(postgres)} of them busy, so a second replica can only divide the same CPU, and adds what ` +
      'replicas pay to agree (per-chat turn locks and de-duplication in the database, a second set of connections). The ratio ' +
      'measures that cost, not how far replicas scale: that needs the replicas on cores or hosts of their own, where the ' +
      "database's CPU per update above is what bounds them.",
    ...profilesOf([sqlite, postgres, twoReplicas]),
  ];
}

/** With BENCH_CPU_PROF, the servers' profiles of the measured windows, as part 1 lists them. */
function profilesOf(outcomes: Outcome[]): string[] {
  const profiles = outcomes.flatMap((o) => o.profiles);
  return profiles.length
    ? ['', `CPU profiles of the measured windows: ${profiles.map((p) => p.replace(/^.*\//, '')).join(', ')}.`]
    : [];
}

function tiendoDetails(tiendo: TiendoOnEngines): string[] {
  const { sqlite, postgres } = tiendo;
  return [
    '### /tiendo',
    '',
    `Part 2's national tree, ${tiendo.units.toLocaleString('en-US')} units (${sqlite.communes.toLocaleString('en-US')} communes) ` +
      `and ${sqlite.rows.toLocaleString('en-US')} weekly rows, generated through the store on each engine (units with ` +
      'saveUnits, the counts inserted 500 rows a statement with the roll-up triggers running): ' +
      `${(sqlite.generatedMs / 1000).toFixed(1)} s on SQLite, ${(postgres.generatedMs / 1000).toFixed(1)} s on PostgreSQL ` +
      "(there each statement commits on its own, as in one transaction the roll-up trigger's repeated upserts of the same " +
      'ancestors\' rows make the load several times slower; then VACUUM ANALYZE). "reply" is showProgress() as /tiendo calls ' +
      'it, without the chart, in this process; on PostgreSQL each of its queries is a round trip to the server.',
    '',
    '| unit | SQLite reply p50 / p95 | PostgreSQL reply p50 / p95 | p95 PostgreSQL ÷ SQLite |',
    '| --- | --- | --- | --- |',
    ...postgres.replies.map((pg, i) => {
      const lite = sqlite.replies[i]!;
      return (
        `| ${pg.level} (${pg.code}) | ${ms(lite.timing.p50)} / ${ms(lite.timing.p95)} | ${ms(pg.timing.p50)} / ${ms(pg.timing.p95)} | ` +
        `${(pg.timing.p95 / lite.timing.p95).toFixed(2)}× |`
      );
    }),
  ];
}

async function measure(url: string): Promise<PartResult> {
  const server = await describeServer(url);
  const ingest = await measureIngestOnEngines(url);
  const tiendo = await measureTiendoOnEngines(url);
  return {
    part: '8',
    title: TITLE,
    rows: [...ingestRows(ingest), ...tiendoRows(tiendo)],
    details: [`On ${server}.`, '', ...ingestDetails(ingest), '', ...tiendoDetails(tiendo)],
  };
}

function notMeasured(): PartResult {
  const why = 'no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)';
  return {
    part: '8',
    title: TITLE,
    rows: [{ part: PART, what: 'not measured', value: why, baseline: '—' }],
    details: [`Not measured: ${why}.`],
  };
}

// Told to stop (the runner's time limit, Ctrl-C): the servers first, then their schemas.
let stopping: Promise<void> | undefined;
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    stopping ??= stopServerProcesses()
      .then(dropBenchSchemas)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });

const url = benchDatabaseUrl();
try {
  emit(url ? await measure(url) : notMeasured());
} catch (error) {
  // What the stop cut short fails; the stop ends the process once it has cleaned up.
  if (!stopping) throw error;
  await stopping;
}
