// One ingest measurement: the server under test in its own process (or several replicas of
// it, each taking its share of the connections), a warm-up, then autocannon for a measured
// window; the servers report what their engines finished and the CPU it took them.
import autocannon from 'autocannon';
import { startServerProcess, type ServerProcess } from '../support/processes.js';
import { BENCH_SECRET, telegramSequence, zaloSignature, type Sequence } from './payloads.js';

export const WARMUP_S = Number(process.env.BENCH_INGEST_WARMUP ?? 2);
export const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 6);
export const CONNECTIONS = 20;

export interface Scenario {
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

export interface Outcome {
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
  /** Server CPU time per handled update, µs (all replicas' together). */
  cpuPerUpdate: number;
  /** The database server's CPU time per handled update, µs; NaN when not measured. */
  databaseCpuPerUpdate: number;
  /** Calls the server made to the API stub per handled update. */
  apiCallsPerUpdate: number;
  drainMs: number;
  /** Resident memory at the end, summed over the replicas. */
  rss: number;
  profiles: string[];
}

/** CPU spent outside the servers' processes on their behalf (a database server's), in µs since `start`. */
export interface CpuMeter {
  start(): Promise<() => Promise<number | undefined>>;
}

export interface MeasureOptions {
  /** Server processes sharing the load, each on its share of the connections. */
  replicas?: number;
  databaseCpu?: CpuMeter;
}

interface TargetStats {
  handled: number;
  cpuMicros: number;
  elapsedMs: number;
  drainMs: number;
  rss: number;
  profile?: string;
}

export const telegramHeaders = () => ({ 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': BENCH_SECRET });
export const zaloHeaders = (body: string) => ({ 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(body) });

/** The app's overload guard (under-pressure) off: a closed-loop generator's excess is then measured, not refused. */
export const NO_SHEDDING = { BENCH_PRESSURE: 'off' };

/** First contacts to the real app's Telegram webhook at capacity, from `firstUpdateId` on. */
export function telegramAtCapacity(name: string, firstUpdateId: number, env: Record<string, string> = {}): Scenario {
  return {
    name,
    mode: 'telegram',
    path: '/telegram/webhook',
    headers: telegramHeaders,
    sequence: () => telegramSequence(firstUpdateId),
    env: { ...NO_SHEDDING, ...env },
  };
}

async function load(
  targets: ServerProcess[],
  scenario: Scenario,
  sequence: Sequence,
  limit: { seconds: number } | { amount: number },
) {
  let uniqueSent = 0;
  let redeliveries = 0;
  const urls = targets.map((t) => `http://127.0.0.1:${t.port}`);
  const t0 = performance.now();
  const result = await autocannon({
    // With several, autocannon gives connection i to url i mod n: consecutive updates, and one
    // person's messages, reach whichever replica's connection is free first.
    url: urls.length === 1 ? urls[0]! : urls,
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

/** Starts every replica, or none: one that started is stopped when another fails. */
async function startTargets(scenario: Scenario, stub: ServerProcess, replicas: number): Promise<ServerProcess[]> {
  const slug = scenario.name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
  const started = await Promise.allSettled(
    Array.from({ length: replicas }, (_, i) =>
      startServerProcess('ingest/target.ts', [scenario.mode, String(stub.port)], {
        env: { ...scenario.env, BENCH_SCENARIO: replicas > 1 ? `${slug}-r${i + 1}` : slug },
      }),
    ),
  );
  const targets = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(targets.map((t) => t.stop()));
    throw failed.reason;
  }
  return targets;
}

const statsOf = (targets: ServerProcess[]) => Promise.all(targets.map((t) => t.ask<TargetStats>('stats', {}, 120_000)));

export async function measureScenario(scenario: Scenario, stub: ServerProcess, options: MeasureOptions = {}): Promise<Outcome> {
  const targets = await startTargets(scenario, stub, options.replicas ?? 1);
  try {
    const sequence = scenario.sequence();
    const warmup = scenario.warmupAmount
      ? { amount: scenario.warmupAmount }
      : scenario.amount
        ? { amount: Math.ceil(scenario.amount / 3) }
        : { seconds: WARMUP_S };
    await load(targets, scenario, sequence, warmup);
    await statsOf(targets);
    const databaseCpu = await options.databaseCpu?.start();
    await Promise.all(targets.map((t) => t.ask('mark')));
    const callsBefore = await apiCalls(stub);
    const { result, uniqueSent, redeliveries, wallMs } = await load(
      targets,
      scenario,
      sequence,
      scenario.amount ? { amount: scenario.amount } : { seconds: DURATION_S },
    );
    const each = await statsOf(targets);
    const databaseMicros = await databaseCpu?.();
    const calls = (await apiCalls(stub)) - callsBefore;
    const sum = (f: (s: TargetStats) => number) => each.reduce((n, s) => n + f(s), 0);
    const handled = sum((s) => s.handled);
    const perUpdate = (micros: number | undefined) => (handled > 0 && micros !== undefined ? micros / handled : Number.NaN);
    return {
      name: scenario.name,
      answeredPerS: (result['2xx'] / wallMs) * 1000,
      // Telegram answers after handling; Zalo answers first, so its rate runs until the backlog is drained.
      handledPerS: (handled / Math.max(...each.map((s) => s.elapsedMs))) * 1000,
      p50: result.latency.p50,
      p99: result.latency.p99,
      statuses: Object.entries(result.statusCodeStats)
        .map(([code, s]) => `${code}: ${s.count}`)
        .join(', '),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      uniqueSent,
      redeliveries,
      handled,
      cpuPerUpdate: perUpdate(sum((s) => s.cpuMicros)),
      databaseCpuPerUpdate: perUpdate(databaseMicros),
      apiCallsPerUpdate: perUpdate(calls),
      drainMs: Math.max(...each.map((s) => s.drainMs)),
      rss: sum((s) => s.rss),
      profiles: each.flatMap((s) => (s.profile ? [s.profile] : [])),
    };
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}
