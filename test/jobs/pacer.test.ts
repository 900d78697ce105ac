// The pacer: every slot it hands out keeps the channel's limits with a margin, one chat with
// many messages queued does not hold back everyone else's first message, and what counts
// is when a request really goes, not when it was planned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURST_AT_MOST, PACING_MARGIN_MS, Pacer } from '../../src/jobs/pacer.js';
import { TELEGRAM_LIMITS } from '../../src/jobs/outbound.js';
import { VirtualClock } from '../support/virtualClock.js';

describe('the outbox pacer', () => {
  it('gives another chat the next free slot while one chat waits a second between its own messages', () => {
    expect(PACING_MARGIN_MS).toBe(50);
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const busy = [0, 1, 2, 3].map(() => pacer.reserve('busy', 0));
    // A second and the margin between one chat's messages; 30 slots per 1050 ms overall.
    expect(busy).toEqual([0, 1050, 2100, 3150]);
    // Before the fix this was 3185: the busy chat's last slot pushed everyone behind it.
    expect(pacer.reserve('other', 0)).toBe(35);
    expect(pacer.reserve('third', 0)).toBe(70);
  });

  it('never puts two sends closer than 1/30 s, nor two to one chat closer than 1 s', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 200 })), { maxLength: 120 }),
        (steps) => {
          const pacer = new Pacer(TELEGRAM_LIMITS);
          let now = 0;
          const slots: { chat: number; at: number }[] = [];
          for (const [chat, advance] of steps) {
            now += advance;
            const at = pacer.reserve(String(chat), now);
            expect(at).toBeGreaterThanOrEqual(now);
            slots.push({ chat, at });
          }
          const times = slots.map((s) => s.at).sort((a, b) => a - b);
          for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(35);
          for (let chat = 0; chat <= 5; chat++) {
            const own = slots
              .filter((s) => s.chat === chat)
              .map((s) => s.at)
              .sort((a, b) => a - b);
            for (let i = 1; i < own.length; i++) expect(own[i]! - own[i - 1]!).toBeGreaterThanOrEqual(1050);
          }
        },
      ),
    );
  });

  it("counts a chat's next message from when the last one really went, not from its planned slot", async () => {
    const clock = new VirtualClock(0);
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const first = pacer.reserve('a', 0);
    const second = pacer.reserve('a', 0);
    expect(second - first).toBe(1050);
    // The first request went 7 ms late (a busy event loop); the second's timer fires on plan.
    await clock.advance(7);
    expect(await clock.run(pacer.acquire('a', clock, first))).toBe(7);
    await clock.advance(second - 7);
    const went = await clock.run(pacer.acquire('a', clock, second));
    expect(went - 7).toBeGreaterThanOrEqual(1000 + PACING_MARGIN_MS);
    expect(went).toBe(1057);
  });

  it('spaces requests whose timers fire together (a stalled process) at the pace, never in a burst', async () => {
    const clock = new VirtualClock(0);
    const pacer = new Pacer(TELEGRAM_LIMITS);
    // Thirty slots planned over the first second; the process stalls 600 ms, and every timer
    // due by then fires at once. A burst there would reach Telegram spread by however long
    // each request takes to leave the process: more than the margin on a busy machine.
    const slots = Array.from({ length: 30 }, (_, chat) => pacer.reserve(String(chat), 0));
    await clock.advance(600);
    const went = await clock.run(Promise.all(slots.map((slot, chat) => pacer.acquire(String(chat), clock, slot))));
    // A few together to catch up, then one a thirtieth of the window after another.
    const gap = Math.ceil((1000 + PACING_MARGIN_MS) / 30);
    expect(went.slice(0, BURST_AT_MOST)).toEqual(Array(BURST_AT_MOST).fill(600));
    for (let i = BURST_AT_MOST; i < went.length; i++) expect(went[i]! - went[i - 1]!).toBe(gap);
    // And every window of a second and the margin holds at most 30 from then on.
    for (let chat = 30; chat < 100; chat++) went.push(await clock.run(pacer.acquire(String(chat), clock)));
    went.sort((a, b) => a - b);
    for (let i = 30; i < went.length; i++) expect(went[i]! - went[i - 30]!).toBeGreaterThanOrEqual(1000 + PACING_MARGIN_MS);
  });

  it('lets the sends waiting out a 429 go at the pace when it ends, not all at once', async () => {
    const clock = new VirtualClock(0);
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const slots = Array.from({ length: 20 }, (_, chat) => pacer.reserve(String(chat), 0));
    pacer.pause(3000);
    const went = await clock.run(Promise.all(slots.map((slot, chat) => pacer.acquire(String(chat), clock, slot))));
    expect(went).toEqual([3000, 3000, 3000, ...Array.from({ length: 17 }, (_, i) => 3035 + i * 35)]);
  });

  it('sends nothing while the channel is paused by a 429, even at a planned slot', async () => {
    const clock = new VirtualClock(0);
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const slot = pacer.reserve('a', 0);
    pacer.pause(3000);
    expect(await clock.run(pacer.acquire('a', clock, slot))).toBe(3000);
  });
});
