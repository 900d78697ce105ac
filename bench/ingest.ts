// 1. Webhook ingest: autocannon against the real app's Telegram and Zalo webhook routes
// (real grammY / Zalo adapter, real engine, SQLite state and de-duplication; outgoing API
// calls answered at once by a stub in its own process), each against a bare fastify route
// that parses the same body, in the same run. The load generator runs in this process,
// the server under test and the stub in two others.
import { emit, perSecond, type PartResult, type ResultRow } from './support/result.js';
import { startServerProcess } from './support/processes.js';
import { RETURNING, telegramSequence, zaloSequence } from './ingest/payloads.js';
import {
  CONNECTIONS,
  DURATION_S,
  measureScenario,
  NO_SHEDDING,
  telegramAtCapacity,
  telegramHeaders,
  WARMUP_S,
  zaloHeaders,
  type Outcome,
  type Scenario,
} from './ingest/measure.js';

/** Zalo answers before handling: a bounded burst, then the time until it is all handled. */
const ZALO_BURST = Number(process.env.BENCH_ZALO_BURST ?? 3000);

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
    env: NO_SHEDDING,
  },
  {
    name: 'telegram',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(2_000_000),
  },
  telegramAtCapacity('telegram, no shedding', 3_000_000),
  telegramAtCapacity('telegram, no shedding, LOG_LEVEL=warn', 4_000_000, { BENCH_LOG_LEVEL: 'warn' }),
  telegramAtCapacity('telegram, no shedding, Bot API answered in-process', 5_000_000, { BENCH_API: 'inprocess' }),
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
    env: NO_SHEDDING,
  },
];

// BENCH_INGEST_ONLY=<regular expression> runs only the scenarios whose name matches (for profiling one).
const only = process.env.BENCH_INGEST_ONLY ? new RegExp(process.env.BENCH_INGEST_ONLY) : undefined;
const stub = await startServerProcess('ingest/stubProcess.ts');
const outcomes = new Map<string, Outcome>();
try {
  for (const scenario of scenarios)
    if (!only || only.test(scenario.name)) outcomes.set(scenario.name, await measureScenario(scenario, stub));
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
const profiles = [...outcomes.values()].flatMap((o) => o.profiles);
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
