// Whatever a person sends, in whatever order, the engine answers and never fails: random
// texts, commands, stale or invented button ids, and taps on the buttons it just showed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InboundEvent, Reply } from '../../src/bot/types.js';
import { createTestBot } from '../support/harness.js';
import { seedDemoData } from '../../src/campaign/demo.js';

const COMMANDS = [
  'start',
  'menu',
  'help',
  'lang',
  'huy',
  'taikhoan',
  'thanhtoan',
  'nophoso',
  'hotro',
  'hoidap',
  'tiendo',
  'baocao',
  'tonghop',
  'dangky',
  'dulieucuatoi',
  'quyenriengtu',
  'khonglenh',
];

type Step =
  | { kind: 'text'; text: string }
  | { kind: 'command'; name: string; args: string }
  | { kind: 'tapShown'; index: number }
  | { kind: 'choice'; id: string }
  | { kind: 'media' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    text: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        'quen mat khau vneid',
        'k nhan dc otp',
        '1',
        '2',
        'menu',
        'quay lai',
        'huy',
        'ba tri',
        'phu hung',
        '079095001234',
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('command' as const),
    name: fc.constantFrom(...COMMANDS),
    args: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }), fc.constantFrom('en', 'vi', 'Ba Tri', 'BT')),
  }),
  fc.record({ kind: fc.constant('tapShown' as const), index: fc.nat(12) }),
  fc.record({
    kind: fc.constant('choice' as const),
    id: fc.oneof(
      fc.string({ maxLength: 64 }),
      fc.constantFrom(
        'f|taikhoan|start|x',
        'f|baocao|confirm|send',
        'o|7',
        'nav|back',
        'resume|continue',
        '/xoadulieu',
        '/tiendo BT-ZZZ',
      ),
    ),
  }),
  fc.constant({ kind: 'media' as const }),
);

function toEvent(s: Step, last: Reply[]): InboundEvent {
  switch (s.kind) {
    case 'text':
      return { kind: 'text', text: s.text };
    case 'command':
      return { kind: 'command', name: s.name, args: s.args };
    case 'choice':
      return { kind: 'choice', id: s.id };
    case 'media':
      return { kind: 'media', mediaKind: 'image' };
    case 'tapShown': {
      const choices = last.flatMap((r) => r.choices ?? []);
      const choice = choices[s.index % Math.max(choices.length, 1)];
      return choice ? { kind: 'choice', id: choice.id } : { kind: 'text', text: 'menu' };
    }
  }
}

describe('the engine under random input', () => {
  it('always answers, never throws, and never echoes an ID number', async () => {
    const now = new Date('2023-12-07T09:00:00+07:00');
    const bot = await createTestBot({ now: () => now });
    await seedDemoData(bot.store, now);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const person = bot.as(`fuzz-${run++}`);
        let last: Reply[] = [];
        for (const s of steps) {
          last = await bot.runtime.engine.handle(
            { channel: 'terminal', externalId: person.externalId, event: toEvent(s, last) },
            { buttons: true, images: true, documents: true, maxTextLength: 4096 },
          );
          expect(last.length).toBeGreaterThan(0);
          for (const reply of last) {
            expect(typeof reply.text).toBe('string');
            expect(reply.text.length).toBeGreaterThan(0);
            expect(reply.text).not.toContain('079095001234');
            for (const choice of reply.choices ?? []) expect(Buffer.byteLength(choice.id)).toBeLessThanOrEqual(64);
          }
        }
      }),
      { numRuns: 150 },
    );
    await bot.close();
  }, 120_000);
});
