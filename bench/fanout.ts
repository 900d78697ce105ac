// 4. Fan-out, on the real clock: messages queued at once in the outbox, sent by the real
// OutboxWorker through the real Telegram channel (grammY) to a fake Telegram Bot API on
// 127.0.0.1 that answers 429 to any message over its limits, judged when each request
// arrives (a 31st within 1000 ms, or a chat's second within 1000 ms), after 0–150 ms of
// random latency on every answer. The same fake and run as test/jobs/realClockPacing.test.ts.
// Reports the rate over each run's own elapsed time as a share of 30/s (median of repeated
// runs), the refusals and the messages delivered twice or never, in every run.
import { percentile } from './support/stats.js';
import { emit, type PartResult, type ResultRow } from './support/result.js';
import { chatsTimesMessages, type FanoutMessage, type FanoutResult, realClockFanout } from '../test/jobs/realClockFanout.js';

const RUNS = Math.max(1, Number(process.env.BENCH_FANOUT_RUNS ?? 3));
const LIMIT = 30;

interface Scenario {
  name: string;
  messages: FanoutMessage[];
}

/** Reminders to many people: `n` messages to 0,9·n chats (one chat in ten gets two). */
function reminders(n: number): FanoutMessage[] {
  const chats = Math.ceil(n * 0.9);
  return Array.from({ length: n }, (_, i) => ({ chat: String(500_000 + (i % chats)), replies: [{ text: `nhắc ${i}` }] }));
}

// Smaller with --quick (the runner sets these), the same shape.
const PER_CHAT = Number(process.env.BENCH_FANOUT_PER_CHAT ?? 10);
const REMINDERS = Number(process.env.BENCH_FANOUT_REMINDERS ?? 240);
const scenarios: Scenario[] = [
  { name: `30 chats × ${PER_CHAT} messages`, messages: chatsTimesMessages(30, PER_CHAT) },
  { name: `${REMINDERS} reminders to ${Math.ceil(REMINDERS * 0.9)} chats`, messages: reminders(REMINDERS) },
];

interface Summary {
  scenario: Scenario;
  runs: FanoutResult[];
  medianRate: number;
  global: number;
  perChat: number;
  duplicates: number;
  missing: number;
}

const summaries: Summary[] = [];
for (const scenario of scenarios) {
  const runs: FanoutResult[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await realClockFanout(scenario.messages, { seed: i + 1, timeoutMs: 30_000 }));
  const refusals = runs.flatMap((r) => r.refusals);
  summaries.push({
    scenario,
    runs,
    medianRate: percentile(
      runs.map((r) => r.rate),
      50,
    ),
    global: refusals.filter((r) => r.kind === 'global').length,
    perChat: refusals.filter((r) => r.kind === 'perChat').length,
    duplicates: runs.reduce((n, r) => n + r.duplicates, 0),
    missing: runs.reduce((n, r) => n + r.missing, 0),
  });
}

const rows: ResultRow[] = summaries.flatMap((s): ResultRow[] => [
  {
    part: '4. fan-out',
    what: `real clock, ${s.scenario.name}: rate over the run${s.runs.length > 1 ? ` (median of ${s.runs.length})` : ''}`,
    value: `${s.medianRate.toFixed(2)}/s`,
    baseline: '30/s Telegram limit',
    ratio: s.medianRate / LIMIT,
    goal: '≥ 0.90',
    met: s.medianRate / LIMIT >= 0.9,
  },
  {
    part: '4. fan-out',
    what: `${s.scenario.name}: 429 refusals`,
    value: `${s.global} global, ${s.perChat} per chat`,
    baseline: '—',
    goal: '0',
    met: s.global + s.perChat === 0,
  },
  {
    part: '4. fan-out',
    what: `${s.scenario.name}: delivered twice / never`,
    value: `${s.duplicates} / ${s.missing}`,
    baseline: `${s.runs.reduce((n, r) => n + r.queued, 0)} queued`,
    goal: '0 / 0',
    met: s.duplicates === 0 && s.missing === 0,
  },
]);

const details = [
  'Real clock: the OutboxWorker (started as in production, systemClock) sends through createTelegramChannel and ' +
    'telegramOutbound to a fake Bot API (fastify, 127.0.0.1) that refuses with 429 and retry_after a 31st message within ' +
    '1000 ms or a second message to a chat within 1000 ms, judged at request arrival, and answers every request after a ' +
    "random 0–150 ms. The rate is messages accepted ÷ the run's elapsed time (worker start until the outbox holds nothing " +
    `pending or in flight); its share of 30/s is the figure. The pacer keeps a margin on both limits (1050 ms per chat, ` +
    '30 per 1050 ms overall, measured between actual send starts; sends that are late together go at most 3 at once, ' +
    'then one per 35 ms), so about 0.95 is the most it can reach.',
  '',
  '| scenario | run | messages | elapsed | rate | share of 30/s | refusals | least gap to one chat (at Telegram) | shortest span of 31 in a row (at Telegram) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...summaries.flatMap((s) =>
    s.runs.map(
      (r, i) =>
        `| ${s.scenario.name} | ${i + 1} | ${r.accepted} | ${(r.elapsedMs / 1000).toFixed(2)} s | ${r.rate.toFixed(2)}/s | ${(r.rate / LIMIT).toFixed(3)} | ${r.refusals.length} | ${Number.isFinite(r.minChatGapMs) ? `${r.minChatGapMs.toFixed(1)} ms` : '—'} | ${Number.isFinite(r.minSpanOf31Ms) ? `${r.minSpanOf31Ms.toFixed(1)} ms` : '—'} |`,
    ),
  ),
];
const result: PartResult = { part: '4', title: 'Fan-out through the outbox (real clock)', rows, details };
emit(result);
