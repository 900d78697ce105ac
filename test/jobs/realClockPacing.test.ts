// Pacing on the real clock: the outbox worker, the Telegram channel (grammY) and a fake
// Telegram on 127.0.0.1 that answers 429 to any message over its limits, measured when the
// request arrives, with 0–150 ms of random latency on every answer. Nothing here asserts
// speed: it asserts that Telegram refuses nothing, that every message arrives once, and
// that the pacing still uses at least 0,9 of the rate Telegram allows.
import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMITS } from '../../src/jobs/outbound.js';
import { chatsTimesMessages, realClockFanout } from './realClockFanout.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the outbox on the real clock, against a Telegram that refuses any excess', () => {
  it('sends 30 chats × 10 messages queued at once: none refused, each once, at ≥ 0,9 of the limit', async () => {
    const run = await realClockFanout(chatsTimesMessages(30, 10), { latencyMs: { min: 0, max: 150 }, timeoutMs: 25_000 });

    expect(run.refusals).toEqual([]);
    expect(run).toMatchObject({ queued: 300, accepted: 300, deliveredOnce: 300, duplicates: 0, missing: 0 });
    expect(run.outbox).toMatchObject({ pending: 0, sending: 0, sent: 300, failed: 0 });
    // What Telegram saw: a second between one chat's messages, never 31 inside a second.
    expect(run.minChatGapMs).toBeGreaterThanOrEqual(1000);
    expect(run.maxInAnySecond).toBeLessThanOrEqual(30);
    expect(run.minSpanOf31Ms).toBeGreaterThanOrEqual(1000);
    // Messages sent over the run's own elapsed time, as a share of the 30 a second allowed.
    const shareOfLimit = run.rate / TELEGRAM_LIMITS.perSecond;
    expect(shareOfLimit, `${run.accepted} messages in ${(run.elapsedMs / 1000).toFixed(2)} s`).toBeGreaterThanOrEqual(0.9);
  }, 40_000);

  it('paces each message a delivery makes: a chart and its text go to the chat a second apart', async () => {
    const chats = ['801', '802', '803'];
    const run = await realClockFanout(
      chats.flatMap((chat) => [
        { chat, replies: [{ text: `biểu đồ ${chat}`, image: { png: PNG, caption: `tiến độ ${chat}` } }] },
        { chat, replies: [{ text: `nhắc ${chat}` }] },
      ]),
      { latencyMs: { min: 0, max: 150 }, timeoutMs: 15_000 },
    );
    expect(run.refusals).toEqual([]);
    // Three requests per chat (photo, its text, the next message), each counted on its own.
    expect(run.accepted).toBe(9);
    expect(run.missing).toBe(0);
    expect(run.minChatGapMs).toBeGreaterThanOrEqual(1000);
  }, 30_000);
});
