// One fan-out on the real clock: messages queued at once in a real outbox (SQLite on disk),
// sent by the real OutboxWorker through the real Telegram channel and outbound (grammY),
// to the limit-enforcing fake Bot API. Counts what Telegram would have refused, what
// arrived, and the rate achieved over the run. Shared by the pacing test and the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotEngine } from '../../src/bot/port.js';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { telegramOutbound } from '../../src/channels/telegram/outbound.js';
import { systemClock } from '../../src/jobs/clock.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { openStore } from '../../src/store/index.js';
import type { Reply } from '../../src/bot/types.js';
import { BOT_INFO } from '../telegram/harness.js';
import { seededRandom } from '../../src/campaign/demo.js';
import { type Refusal, startLimitedBotApi } from './limitedBotApi.js';

const TOKEN = '424242:real-clock-pacing';

export interface FanoutMessage {
  chat: string;
  replies: Reply[];
}

export interface FanoutOptions {
  /** The answer delay range of the fake Telegram. */
  latencyMs?: { min: number; max: number };
  seed?: number;
  /** Give up waiting after this long (the run is then reported incomplete). */
  timeoutMs?: number;
}

export interface FanoutResult {
  queued: number;
  /** Messages Telegram accepted (requests, one per rendered message). */
  accepted: number;
  /** Queued messages whose text arrived exactly once / more than once / never. */
  deliveredOnce: number;
  duplicates: number;
  missing: number;
  refusals: Refusal[];
  /** From starting the worker until the outbox held nothing pending or in flight. */
  elapsedMs: number;
  /** From the first accepted arrival to the last. */
  spanMs: number;
  /** Accepted messages per second over the run's elapsed time. */
  rate: number;
  /** Smallest gap between two arrivals to one chat, and most arrivals in any 1000 ms. */
  minChatGapMs: number;
  maxInAnySecond: number;
  /** Shortest time holding 31 arrivals in a row (Telegram refuses it under 1000 ms). */
  minSpanOf31Ms: number;
  outbox: Record<string, number>;
}

const quietEngine: BotEngine = {
  handle: async () => [],
  apology: async () => ({ text: '' }),
  drain: async () => {},
};
const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** `chats` chats with `perChat` one-line messages each, queued chat by chat. */
export function chatsTimesMessages(chats: number, perChat: number): FanoutMessage[] {
  const messages: FanoutMessage[] = [];
  for (let c = 0; c < chats; c++)
    for (let n = 0; n < perChat; n++)
      messages.push({ chat: String(700_000 + c), replies: [{ text: `tin ${n + 1} cho ${700_000 + c}` }] });
  return messages;
}

export async function realClockFanout(messages: readonly FanoutMessage[], options: FanoutOptions = {}): Promise<FanoutResult> {
  const api = await startLimitedBotApi({
    token: TOKEN,
    latencyMs: options.latencyMs ?? { min: 0, max: 150 },
    random: seededRandom(options.seed ?? 1),
  });
  const dir = mkdtempSync(join(tmpdir(), 'trolydvc-fanout-'));
  const store = openStore(join(dir, 'outbox.sqlite'));
  const channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: api.apiRoot,
    engine: quietEngine,
    turns: store.turns,
    logger: quietLogger,
    botInfo: BOT_INFO,
  });
  const worker = new OutboxWorker({ outbox: store.outbox, channels: [telegramOutbound(channel)], clock: systemClock });
  try {
    const now = new Date();
    for (const [i, m] of messages.entries())
      await store.outbox.enqueue(
        {
          idempotencyKey: `fanout:${i}`,
          channel: 'telegram',
          externalId: m.chat,
          purpose: 'reminder',
          replies: m.replies,
          notBefore: now,
        },
        now,
      );

    const started = performance.now();
    worker.start();
    const deadline = started + (options.timeoutMs ?? 60_000);
    for (;;) {
      const counts = await store.outbox.counts();
      if (counts.pending + counts.sending === 0 || performance.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const elapsedMs = performance.now() - started;
    await worker.stop();

    const texts = new Map<string, number>();
    for (const a of api.accepted) texts.set(`${a.chat}|${a.text}`, (texts.get(`${a.chat}|${a.text}`) ?? 0) + 1);
    const wanted = messages.map((m) => `${m.chat}|${m.replies.at(-1)!.text}`);
    const times = api.accepted.map((a) => a.at).sort((a, b) => a - b);
    const byChat = new Map<string, number[]>();
    for (const a of api.accepted) byChat.set(a.chat, [...(byChat.get(a.chat) ?? []), a.at]);
    let minChatGapMs = Infinity;
    for (const own of byChat.values()) {
      own.sort((a, b) => a - b);
      for (let i = 1; i < own.length; i++) minChatGapMs = Math.min(minChatGapMs, own[i]! - own[i - 1]!);
    }
    let maxInAnySecond = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j]! - times[i]! >= 1000) i++;
      maxInAnySecond = Math.max(maxInAnySecond, j - i + 1);
    }
    let minSpanOf31Ms = Infinity;
    for (let i = 30; i < times.length; i++) minSpanOf31Ms = Math.min(minSpanOf31Ms, times[i]! - times[i - 30]!);
    return {
      queued: messages.length,
      accepted: api.accepted.length,
      deliveredOnce: wanted.filter((w) => texts.get(w) === 1).length,
      duplicates: wanted.filter((w) => (texts.get(w) ?? 0) > 1).length,
      missing: wanted.filter((w) => !texts.has(w)).length,
      refusals: [...api.refusals],
      elapsedMs,
      spanMs: times.length > 1 ? times.at(-1)! - times[0]! : 0,
      rate: (api.accepted.length / elapsedMs) * 1000,
      minChatGapMs,
      maxInAnySecond,
      minSpanOf31Ms,
      outbox: await store.outbox.counts(),
    };
  } finally {
    await worker.stop();
    await channel.stop();
    await store.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
