// 4. Fan-out: 10.000 reminders through the outbox and the real OutboxWorker loop, against
// a fake Telegram on virtual time that refuses (429) anything over 30 messages a second
// overall or 1 a second per chat. Reports the achieved rate as a share of 30/s, the
// refusals, and messages delivered twice. Virtual time: hours of sending take seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxWorker } from '../src/jobs/outboxWorker.js';
import type { ChannelLimits } from '../src/jobs/outbound.js';
import { openStore } from '../src/store/index.js';
import { VirtualClock } from '../test/support/virtualClock.js';
import { limitedTelegram } from './fanout/limitedTelegram.js';
import { emit, type PartResult, type ResultRow } from './support/result.js';

const MESSAGES = Number(process.env.BENCH_FANOUT ?? 10_000);
const T0 = Date.parse('2025-12-25T01:00:00Z');

interface FanoutRun {
  rate: number;
  spanMs: number;
  realMs: number;
  enqueueMs: number;
  delivered: number;
  duplicates: number;
  global: number;
  perChat: number;
  firstRefusals: string;
  counts: Record<string, number>;
}

/** One fan-out; `limits` replaces the channel's declared limits (a variant to size a fix). */
async function fanout(limits?: ChannelLimits): Promise<FanoutRun> {
  const dir = mkdtempSync(join(tmpdir(), 'trolydvc-bench-fanout-'));
  const store = openStore(join(dir, 'outbox.sqlite'));
  const enqueueStart = performance.now();
  store.db.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      const chat = String(500_000 + (i % Math.ceil(MESSAGES * 0.9)));
      store.outbox.enqueue(
        { idempotencyKey: `deadline:2025-12-26:${i}`, channel: 'telegram', externalId: chat, purpose: 'reminder', replies: [{ text: `nhắc ${i}` }], notBefore: new Date(T0) },
        new Date(T0),
      );
    }
  })();
  const enqueueMs = performance.now() - enqueueStart;

  const clock = new VirtualClock(T0);
  const telegram = limitedTelegram(clock);
  const channel = limits ? { ...telegram.channel, limits } : telegram.channel;
  const worker = new OutboxWorker({ outbox: store.outbox, channels: [channel], clock });
  const realStart = performance.now();
  worker.start();
  // Polls in virtual time; the clock jumps whenever only timers are left.
  const done = (async () => {
    const budgetEnd = Date.now() + 100_000;
    while (Date.now() < budgetEnd) {
      const counts = store.outbox.counts();
      if (counts.pending + counts.sending === 0) return;
      await clock.sleep(1000);
    }
  })();
  await clock.run(done);
  await clock.run(worker.stop());
  const realMs = performance.now() - realStart;
  const counts = store.outbox.counts();
  store.close();
  rmSync(dir, { recursive: true, force: true });

  const times = telegram.accepted.map((a) => a.at).sort((a, b) => a - b);
  const spanMs = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
  const byText = new Map<string, number>();
  for (const a of telegram.accepted) byText.set(a.text, (byText.get(a.text) ?? 0) + 1);
  const global = telegram.violations.filter((v) => v.kind === 'global').length;
  return {
    // n messages at exactly 30/s span (n − 1)/30 seconds.
    rate: spanMs > 0 ? ((times.length - 1) / spanMs) * 1000 : 0,
    spanMs,
    realMs,
    enqueueMs,
    delivered: telegram.accepted.length,
    duplicates: [...byText.values()].reduce((n, c) => n + (c - 1), 0),
    global,
    perChat: telegram.violations.length - global,
    firstRefusals: telegram.violations.slice(0, 5).map((v) => `${v.kind} at +${v.at - T0} ms`).join(', '),
    counts,
  };
}

const shipped = await fanout();
const variant = await fanout({ perSecond: 29.4, perChatIntervalMs: 1000 });
const { rate, spanMs, realMs, enqueueMs, duplicates, global, perChat, counts } = shipped;

const rows: ResultRow[] = [
  {
    part: '4. fan-out',
    what: `${MESSAGES.toLocaleString('en-US')} reminders: achieved rate`,
    value: `${rate.toFixed(2)}/s`,
    baseline: '30/s Telegram limit',
    ratio: rate / 30,
    goal: '≥ 0.95',
    met: rate / 30 >= 0.95,
  },
  { part: '4. fan-out', what: '429 refusals (limit violations)', value: `${global} global, ${perChat} per chat`, baseline: '—', goal: '0', met: global + perChat === 0 },
  { part: '4. fan-out', what: 'messages delivered twice', value: String(duplicates), baseline: `${shipped.delivered} delivered`, goal: '0', met: duplicates === 0 && shipped.delivered === MESSAGES },
  {
    part: '4. fan-out',
    what: 'variant: pacer at 29.4/s (rate, refusals)',
    value: `${variant.rate.toFixed(2)}/s, ${variant.global + variant.perChat} refusals`,
    baseline: '30/s Telegram limit',
    ratio: variant.rate / 30,
  },
];
const details = [
  `${MESSAGES.toLocaleString('en-US')} reminders to ${Math.ceil(MESSAGES * 0.9).toLocaleString('en-US')} chats (one chat in ten gets two), ` +
    `enqueued in ${enqueueMs.toFixed(0)} ms; sent by OutboxWorker.start() on a VirtualClock against a fake Telegram that answers 429 ` +
    `(retry_after in whole seconds) to a 31st message within 1000 ms or a second message to a chat within 1000 ms. ` +
    `Virtual time from first to last send: ${(spanMs / 1000).toFixed(1)} s (${(MESSAGES / 30).toFixed(1)} s at exactly 30/s); ` +
    `real time ${(realMs / 1000).toFixed(1)} s. Final outbox: ${JSON.stringify(counts)}.`,
];
if (shipped.firstRefusals) details.push('', `First refusals (virtual time after the first send): ${shipped.firstRefusals}.`);
details.push(
  '',
  `Variant (limits declared as 29.4/s instead of 30/s, nothing else changed): ${variant.rate.toFixed(2)}/s, ` +
    `${variant.global} global and ${variant.perChat} per-chat refusals, ${variant.duplicates} duplicates, ${variant.delivered} delivered.`,
);
const result: PartResult = { part: '4', title: 'Fan-out through the outbox', rows, details };
emit(result);
