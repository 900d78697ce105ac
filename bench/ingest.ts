// 1. Webhook ingest: autocannon against the real app's Telegram and Zalo webhook routes
// (real grammY / Zalo adapter, real engine, SQLite state and de-duplication; outgoing API
// calls answered at once by a stub in its own process), each against a bare fastify route
// that parses the same body, in the same run. The load generator runs in this process,
// the server under test and the stub in two others.
import autocannon from 'autocannon';
import { emit, ms, perSecond, x, type PartResult, type ResultRow } from './support/result.js';
import { startServerProcess, type ServerProcess } from './support/processes.js';
import { BENCH_SECRET, telegramSequence, zaloSequence, zaloSignature, type Sequence } from './ingest/payloads.js';

const WARMUP_S = Number(process.env.BENCH_INGEST_WARMUP ?? 2);
const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 8);
const CONNECTIONS = 20;

interface Scenario {
  name: string;
  mode: 'bare-json' | 'bare-raw' | 'telegram' | 'zalo';
  path: string;
  headers: (body: string) => Record<string, string>;
  sequence: () => Sequence;
  env?: Record<string, string>;
}

interface Outcome {
  name: string;
  answeredPerS: number;
  handledPerS: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: string;
  uniqueSent: number;
  redeliveries: number;
  handled: number;
  drainMs: number;
  rss: number;
}

let runs = 0;
const telegramHeaders = () => ({ 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': BENCH_SECRET });
const zaloHeaders = (body: string) => ({ 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(body) });

async function load(target: ServerProcess, scenario: Scenario, seconds: number, sequence: Sequence) {
  let uniqueSent = 0;
  let redeliveries = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: CONNECTIONS,
    duration: seconds,
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
  return { result, uniqueSent, redeliveries };
}

async function run(scenario: Scenario, stubPort: number): Promise<Outcome> {
  const target = await startServerProcess('ingest/target.ts', [scenario.mode, String(stubPort)], {
    ...(scenario.env ? { env: scenario.env } : {}),
  });
  try {
    const sequence = scenario.sequence();
    await load(target, scenario, WARMUP_S, sequence);
    await target.ask('stats');
    await target.ask('mark');
    const { result, uniqueSent, redeliveries } = await load(target, scenario, DURATION_S, sequence);
    const stats = await target.ask<{ handled: number; elapsedMs: number; drainMs: number; rss: number }>('stats', {}, 120_000);
    const answered = result['2xx'];
    runs++;
    return {
      name: scenario.name,
      answeredPerS: answered / DURATION_S,
      // Telegram answers after handling; Zalo answers first, so its rate counts until the backlog is drained.
      handledPerS: (stats.handled / stats.elapsedMs) * 1000,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      statuses: Object.entries(result.statusCodeStats).map(([code, s]) => `${code}: ${s.count}`).join(', '),
      uniqueSent,
      redeliveries,
      handled: stats.handled,
      drainMs: stats.drainMs,
      rss: stats.rss,
    };
  } finally {
    await target.stop();
  }
}

const stub = await startServerProcess('ingest/stubProcess.ts');
const scenarios: Scenario[] = [
  { name: 'telegram bare', mode: 'bare-json', path: '/telegram/webhook', headers: telegramHeaders, sequence: () => telegramSequence(1_000_000) },
  { name: 'telegram', mode: 'telegram', path: '/telegram/webhook', headers: telegramHeaders, sequence: () => telegramSequence(2_000_000) },
  {
    name: 'telegram, LOG_LEVEL=warn',
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(3_000_000),
    env: { BENCH_LOG_LEVEL: 'warn' },
  },
  { name: 'zalo bare', mode: 'bare-raw', path: '/zalo/webhook', headers: zaloHeaders, sequence: () => zaloSequence('bare') },
  { name: 'zalo', mode: 'zalo', path: '/zalo/webhook', headers: zaloHeaders, sequence: () => zaloSequence('real') },
];
const outcomes = new Map<string, Outcome>();
try {
  for (const scenario of scenarios) outcomes.set(scenario.name, await run(scenario, stub.port));
} finally {
  await stub.stop();
}

const rows: ResultRow[] = [];
const detail: string[] = [
  `autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s measured per route; ` +
    `1 in 20 requests is a redelivery of the previous update; ${runs} servers started. ` +
    'Updates/s counts updates the engine finished: for Telegram the route answers after handling, ' +
    'for Zalo it answers at once, so the rate runs until the backlog is drained.',
  '',
  '| route | answered/s | handled/s | p50 | p99 | statuses | errors | handled / unique sent | drain after load | RSS at end |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const o of outcomes.values())
  detail.push(
    `| ${o.name} | ${perSecond(o.answeredPerS)} | ${perSecond(o.handledPerS)} | ${o.p50} ms | ${o.p99} ms | ${o.statuses} | ${o.errors} | ` +
      `${o.name.includes('bare') ? '—' : `${o.handled} / ${o.uniqueSent}`} | ${o.drainMs.toFixed(0)} ms | ${(o.rss / 1048576).toFixed(0)} MB |`,
  );
for (const [real, bare] of [
  ['telegram', 'telegram bare'],
  ['telegram, LOG_LEVEL=warn', 'telegram bare'],
  ['zalo', 'zalo bare'],
] as const) {
  const r = outcomes.get(real)!;
  const b = outcomes.get(bare)!;
  const value = r.handledPerS / b.handledPerS;
  const goal = !real.includes('warn');
  rows.push({
    part: '1. ingest',
    what: `${real} webhook: updates/s (p50 / p99)`,
    value: `${perSecond(r.handledPerS)} (${r.p50} / ${r.p99} ms)`,
    baseline: `${perSecond(b.handledPerS)} (${b.p50} / ${b.p99} ms) bare route`,
    ratio: value,
    ...(goal ? { goal: '≥ 0.5', met: value >= 0.5 } : {}),
  });
  // A redelivery handled twice, or an accepted update never handled, is a correctness failure.
  if (!real.includes('warn')) {
    const duplicates = Math.max(0, r.handled - r.uniqueSent);
    rows.push({
      part: '1. ingest',
      what: `${real}: redeliveries handled again`,
      value: String(duplicates),
      baseline: `${r.redeliveries} redeliveries sent`,
      goal: '0',
      met: duplicates === 0 && r.non2xx === 0 && r.errors === 0,
    });
  }
}
const result: PartResult = { part: '1', title: 'Webhook ingest', rows, details: detail };
emit(result);
void ms;
void x;
