// The pacer: every slot it hands out keeps the channel's limits, and one chat with many
// messages queued does not hold back everyone else's first message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/jobs/pacer.js';
import { TELEGRAM_LIMITS } from '../../src/jobs/outbound.js';

describe('the outbox pacer', () => {
  it('gives another chat the next free slot while one chat waits a second between its own messages', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const busy = [0, 1, 2, 3].map(() => pacer.reserve('busy', 0));
    expect(busy).toEqual([0, 1000, 2000, 3000]);
    // Before the fix this was 3034: the busy chat's last slot pushed everyone behind it.
    expect(pacer.reserve('other', 0)).toBe(34);
    expect(pacer.reserve('third', 0)).toBe(68);
  });

  it('never puts two sends closer than 1/30 s, nor two to one chat closer than 1 s', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 200 })), { maxLength: 120 }), (steps) => {
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
        for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(34);
        for (let chat = 0; chat <= 5; chat++) {
          const own = slots.filter((s) => s.chat === chat).map((s) => s.at).sort((a, b) => a - b);
          for (let i = 1; i < own.length; i++) expect(own[i]! - own[i - 1]!).toBeGreaterThanOrEqual(1000);
        }
      }),
    );
  });
});
