// 1. Webhook ingest: autocannon against the real app's Telegram and Zalo webhook routes
// (real grammY / Zalo adapter, real engine, SQLite state and de-duplication; outgoing API
// calls answered at once by a stub in its own process), each against a bare fastify route
// that parses the same body, in the same run. The load generator runs in this process,
// the server under test and the stub in two others.
import autocannon from 'autocannon';
import { emit, perSecond, type PartResult, type ResultRow } from './support/result.js';
import { startServerProcess, type ServerProcess } from './support/processes.js';
import { BENCH_SECRET, RETURNING, telegramSequence, zaloSequence, zaloSignature, type Sequence } from './ingest/payloads.js';

const WARMUP_S = Number(process.env.BENCH_INGEST_WARMUP ?? 2);
const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 6);
/** Zalo answers before handling: a bounded burst, then the time until it is all handled. */
const ZALO_BURST = Number(process.env.BENCH_ZALO_BURST ?? 3000);
const CONNECTIONS = 20;

interface Scenario {
  name: string;
  mode: 'bare-json' | 'bare-raw' | 'peer' | 'telegram' | 'zalo';
  path: string;
  headers: (body: string) => Record<string, string>;
  sequence: () => Sequence;
  env?: Record<string, string>;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  /** A fixed warm-up (every returning person's first contact) instead of WARMUP_S. */
  warmupAmount?: number;
}

interface Outcome {
  name: string;
  answeredPerS: number;
  handledPerS: number;
  p50: number;
  p99: number;
  statuses: string;
  non2xx: number;
  errors: number;
  uniqueSent: number;
  redeliveries: number;
  handled: number;
  /** Server CPU time per handled update, µs. */
  cpuPerUpdate: number;
  /** Calls the server made to the API stub per handled update. */
  apiCallsPerUpdate: number;
  drainMs: number;
  rss: number;
  profile?: string;
}

const telegramHeaders = () => ({ 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': BENCH_SECRET });
const zaloHeaders = (body: string) => ({ 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(body) });

async function load(
  target: ServerProcess,
  scenario: Scenario,
  sequence: Sequence,
  limit: { seconds: number } | { amount: number },
) {
  let uniqueSent = 0;
  let redeliveries = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: CONNECTIONS,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: scenario.path,
        setupRequest: (request) => {
          const { body, redelivery } = sequence.next();
          if (redelivery) redeliveries++;
          else uniqueSent++;
          return { ...request, body, headers: scenario.headers(body) };
        },
      },
    ],
  });
  return { result, uniqueSent, redeliveries, wallMs: performance.now() - t0 };
}

const apiCalls = async (stub: ServerProcess) =>
  Object.values((await stub.ask<{ counts: Record<string, number> }>('counts')).counts).reduce((a, b) => a + b, 0);

async function run(scenario: Scenario, stub: ServerProcess): Promise<Outcome> {
  const slug = scenario.name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
  const target = await startServerProcess('ingest/target.ts', [scenario.mode, String(stub.port)], {
    env: { ...scenario.env, BENCH_SCENARIO: slug },
  });
  try {
    const sequence = scenario.sequence();
    const warmup = scenario.warmupAmount
      ? { amount: scenario.warmupAmount }
      : scenario.amount
        ? { amount: Math.ceil(scenario.amount / 3) }
        : { seconds: WARMUP_S };
    await load(target, scenario, sequence, warmup);
    await target.ask('stats', {}, 120_000);
    await target.ask('mark');
    const callsBefore = await apiCalls(stub);
    const { result, uniqueSent, redeliveries, wallMs } = await load(
      target,
      scenario,
      sequence,
      scenario.amount ? { amount: scenario.amount } : { seconds: DURATION_S },
    );
    const stats = await target.ask<{
      handled: number;
      cpuMicros: number;
      elapsedMs: number;
      drainMs: number;
      rss: number;
      profile?: string;
    }>('stats', {}, 120_000);
    const calls = (await apiCalls(stub)) - callsBefore;
    return {
      name: scenario.name,
      answeredPerS: (result['2xx'] / wallMs) * 1000,
      // Telegram answers after handling; Zalo answers first, so its rate runs until the backlog is drained.
      handledPerS: (stats.handled / stats.elapsedMs) * 1000,
      p50: result.latency.p50,
      p99: result.latency.p99,
      statuses: Object.entries(result.statusCodeStats)
        .map(([code, s]) => `${code}: ${s.count}`)
        .join(', '),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      uniqueSent,
      redeliveries,
      handled: stats.handled,
      cpuPerUpdate: stats.handled > 0 ? stats.cpuMicros / stats.handled : Number.NaN,
      apiCallsPerUpdate: stats.handled > 0 ? calls / stats.handled : Number.NaN,
      drainMs: stats.drainMs,
      rss: stats.rss,
      ...(stats.profile ? { profile: stats.profile } : {}),
    };
  } finally {
    await target.stop();
  }
}

const OFF = { BENCH_PRESSURE: 'off' };
const scenarios: Scenario[] = [
  {
    name: 'telegram bare',
    mode: 'bare-json',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(1_000_000),
  },
  {
    name: 'telegram, naive grammY peer',
    mode: 'peer',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(1_500_000),
  },
  {
    name: 'telegram, returning people mid-guide, naive grammY peer',
    mode: 'peer',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(1_700_000, RETURNING),
    warmupAmount: RETURNING.people * 2,
  },
  {
    name: 'telegram, returning people mid-guide, no shedding',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(1_800_000, RETURNING),
    warmupAmount: RETURNING.people * 2,
    env: OFF,
  },
  {
    name: 'telegram',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(2_000_000),
  },
  {
    name: 'telegram, no shedding',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(3_000_000),
    env: OFF,
  },
  {
    name: 'telegram, no shedding, LOG_LEVEL=warn',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(4_000_000),
    env: { ...OFF, BENCH_LOG_LEVEL: 'warn' },
  },
  {
    name: 'telegram, no shedding, Bot API answered in-process',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(5_000_000),
    env: { ...OFF, BENCH_API: 'inprocess' },
  },
  { name: 'zalo bare', mode: 'bare-raw', path: '/zalo/webhook', headers: zaloHeaders, sequence: () => zaloSequence('bare') },
  {
    name: 'zalo',
    mode: 'zalo',
    path: '/zalo/webhook',
    headers: zaloHeaders,
    sequence: () => zaloSequence('real'),
    amount: ZALO_BURST,
  },
  {
    name: 'zalo, no shedding',
    mode: 'zalo',
    path: '/zalo/webhook',
    headers: zaloHeaders,
    sequence: () => zaloSequence('real-off'),
    amount: ZALO_BURST,
    env: OFF,
  },
];

// BENCH_INGEST_ONLY=<regular expression> runs only the scenarios whose name matches (for profiling one).
const only = process.env.BENCH_INGEST_ONLY ? new RegExp(process.env.BENCH_INGEST_ONLY) : undefined;
const stub = await startServerProcess('ingest/stubProcess.ts');
const outcomes = new Map<string, Outcome>();
try {
  for (const scenario of scenarios) if (!only || only.test(scenario.name)) outcomes.set(scenario.name, await run(scenario, stub));
} finally {
  await stub.stop();
}

const rows: ResultRow[] = [];
const details: string[] = [
  `autocannon, ${CONNECTIONS} connections. Telegram and the bare routes: ${WARMUP_S} s warm-up, then ${DURATION_S} s measured. ` +
    `Zalo answers before handling, so it gets a burst of ${ZALO_BURST} events and its rate runs until all are handled. ` +
    '1 request in 20 is a redelivery of the one before. "handled/s" counts events the engine finished; ' +
    '"no shedding" turns off the app\'s overload guard (under-pressure) to measure capacity.',
  '',
  `"returning people mid-guide": ${RETURNING.people} people whose first contact is the warm-up, then each types what a person ` +
    "in a guide types next (questions, a step's answer); the rest are first contacts spread over 20,000 people.",
  '',
  '| route | answered/s | handled/s | CPU per update | API calls per update | p50 | p99 | statuses | errors | handled / unique sent | drain after load | RSS at end |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const o of outcomes.values())
  details.push(
    `| ${o.name} | ${perSecond(o.answeredPerS)} | ${perSecond(o.handledPerS)} | ${o.cpuPerUpdate.toFixed(0)} µs | ${o.apiCallsPerUpdate.toFixed(2)} | ${o.p50} ms | ${o.p99} ms | ${o.statuses} | ${o.errors} | ` +
      `${o.name.includes('bare') ? '—' : `${o.handled} / ${o.uniqueSent}`} | ${o.drainMs.toFixed(0)} ms | ${(o.rss / 1048576).toFixed(0)} MB |`,
  );
const profiles = [...outcomes.values()].flatMap((o) => (o.profile ? [o.profile] : []));
if (profiles.length)
  details.push('', `CPU profiles of the measured windows: ${profiles.map((p) => p.replace(/^.*\//, '')).join(', ')}.`);

for (const [real, bare, goal] of [
  ['telegram', 'telegram bare', true],
  ['telegram, no shedding', 'telegram bare', false],
  ['telegram, no shedding, LOG_LEVEL=warn', 'telegram bare', false],
  ['telegram, no shedding, Bot API answered in-process', 'telegram bare', false],
  ['zalo', 'zalo bare', true],
  ['zalo, no shedding', 'zalo bare', false],
] as const) {
  const r = outcomes.get(real);
  const b = outcomes.get(bare);
  if (!r || !b) continue;
  const value = r.handledPerS / b.handledPerS;
  rows.push({
    part: '1. ingest',
    what: `${real}: updates/s (p50 / p99)`,
    value: `${perSecond(r.handledPerS)} (${r.p50} / ${r.p99} ms)`,
    baseline: `${perSecond(b.handledPerS)} (${b.p50} / ${b.p99} ms)`,
    ratio: value,
    ...(goal ? { goal: '≥ 0.5', met: value >= 0.5 } : {}),
  });
}
// Against the peer built the usual way: what keeping state, masking, consent, de-duplication
// and durable answers costs. The peer answers a redelivery twice; the project does not.
for (const [who, realName, peerName] of [
  ['first contact', 'telegram, no shedding', 'telegram, naive grammY peer'],
  [
    'returning people mid-guide',
    'telegram, returning people mid-guide, no shedding',
    'telegram, returning people mid-guide, naive grammY peer',
  ],
] as const) {
  const real = outcomes.get(realName);
  const peer = outcomes.get(peerName);
  if (!real || !peer) continue;
  const value = real.handledPerS / peer.handledPerS;
  rows.push({
    part: '1. ingest',
    what: `telegram, ${who}, against the naive grammY peer: updates/s`,
    value: `${perSecond(real.handledPerS)}, ${real.cpuPerUpdate.toFixed(0)} µs CPU and ${real.apiCallsPerUpdate.toFixed(1)} API calls an update`,
    baseline: `${perSecond(peer.handledPerS)}, ${peer.cpuPerUpdate.toFixed(0)} µs CPU and ${peer.apiCallsPerUpdate.toFixed(1)} API calls an update (webhookCallback, no state)`,
    ratio: value,
    goal: '≥ 0.3',
    met: value >= 0.3,
  });
}
// Correctness under load: a redelivery handled twice is a duplicate answer to a person.
const duplicates = [...outcomes.values()]
  .filter((o) => !o.name.includes('bare') && !o.name.includes('peer'))
  .reduce((n, o) => n + Math.max(0, o.handled - o.uniqueSent), 0);
const redeliveries = [...outcomes.values()]
  .filter((o) => !o.name.includes('bare') && !o.name.includes('peer'))
  .reduce((n, o) => n + o.redeliveries, 0);
rows.push({
  part: '1. ingest',
  what: 'redeliveries handled twice',
  value: String(duplicates),
  baseline: `${redeliveries} sent`,
  goal: '0',
  met: duplicates === 0,
});
const result: PartResult = { part: '1', title: 'Webhook ingest', rows, details };
emit(result);
