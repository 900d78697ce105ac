// Zalo has no callback buttons: choices are numbered lines, and what the person types back
// (a number, a tapped button's payload, or the label itself) finds the choice again.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Texts } from '../../src/i18n/index.js';
import { planReplies } from '../../src/channels/zalo/plan.js';
import { typedAnswer } from '../../src/channels/zalo/typedAnswer.js';
import { splitText, ZALO_TEXT_LIMIT } from '../../src/channels/zalo/splitText.js';

const texts = Texts.load('vi');
const vi = texts.for('vi');
const en = texts.for('en');
const numbered = { buttons: false, images: true, documents: true };
const menu = [
  { id: 'f|taikhoan|chip|yes', label: 'Có, đã có thẻ' },
  { id: 'f|taikhoan|chip|no', label: 'Chưa có' },
  { id: '/tiendo BT-BATRI', label: 'Huyện Ba Tri' },
];

describe('numbered choices', () => {
  it("numbers the choices under the text, with a hint in the person's language", () => {
    const plan = planReplies([{ text: 'Bạn đã có thẻ chưa?', choices: menu }], vi, numbered);
    expect(plan.messages).toEqual([
      {
        kind: 'text',
        text: 'Bạn đã có thẻ chưa?\n\n1. Có, đã có thẻ\n2. Chưa có\n3. Huyện Ba Tri\n👉 Gõ số từ 1 đến 3 để chọn.',
      },
    ]);
    expect(plan.menu).toEqual(menu);
    const english = planReplies([{ text: 'Do you have a card?', choices: menu.slice(0, 1) }], en, numbered);
    expect(english.messages[0]).toEqual({ kind: 'text', text: 'Do you have a card?\n\n1. Có, đã có thẻ\n👉 Type 1 to choose.' });
  });

  it('keeps numbering across the replies of one answer, so every number is unique', () => {
    const plan = planReplies(
      [
        { text: 'Một', choices: menu.slice(0, 2) },
        { text: 'Hai', choices: menu.slice(2) },
      ],
      vi,
      numbered,
    );
    expect(plan.messages.map((m) => (m.kind === 'text' ? m.text : ''))).toEqual([
      'Một\n\n1. Có, đã có thẻ\n2. Chưa có\n👉 Gõ số từ 1 đến 2 để chọn.',
      'Hai\n\n3. Huyện Ba Tri\n👉 Gõ số 3 để chọn.',
    ]);
    expect(typedAnswer('3', plan.menu)).toEqual({ kind: 'choice', id: '/tiendo BT-BATRI' });
  });

  it('writes links out so Zalo makes them tappable', () => {
    const plan = planReplies(
      [{ text: 'Cài VNeID', links: [{ label: 'Google Play', url: 'https://play.google.com/x' }] }],
      vi,
      numbered,
    );
    expect(plan.messages).toEqual([{ kind: 'text', text: 'Cài VNeID\n🔗 Google Play: https://play.google.com/x' }]);
  });

  it('maps a number, a button payload or a typed label back to the choice, and leaves other text alone', () => {
    expect(typedAnswer('2', menu)).toEqual({ kind: 'choice', id: 'f|taikhoan|chip|no' });
    expect(typedAnswer(' 1. ', menu)).toEqual({ kind: 'choice', id: 'f|taikhoan|chip|yes' });
    expect(typedAnswer('f|taikhoan|chip|yes', menu)).toEqual({ kind: 'choice', id: 'f|taikhoan|chip|yes' });
    expect(typedAnswer('chua co', menu)).toEqual({ kind: 'choice', id: 'f|taikhoan|chip|no' });
    expect(typedAnswer('4', menu)).toEqual({ kind: 'text', text: '4' });
    expect(typedAnswer('2', [])).toEqual({ kind: 'text', text: '2' });
    expect(typedAnswer('quên mật khẩu', menu)).toEqual({ kind: 'text', text: 'quên mật khẩu' });
    expect(typedAnswer('/tiendo Ba Tri', menu)).toEqual({ kind: 'command', name: 'tiendo', args: 'Ba Tri' });
    expect(typedAnswer('/start', menu)).toEqual({ kind: 'start' });
  });

  it("never sends a text over Zalo's limit, and loses no word of it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(' ', '\n', 'đ', '😀'), fc.string({ maxLength: 30 })), { maxLength: 400 }),
        (pieces) => {
          const text = pieces.join('');
          const parts = splitText(text, 200);
          expect(parts.every((p) => p.length <= 200)).toBe(true);
          expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
    const long = 'Bước một. '.repeat(500);
    const plan = planReplies([{ text: long, choices: menu }], vi, numbered);
    expect(plan.messages.length).toBeGreaterThan(2);
    for (const m of plan.messages) if (m.kind === 'text') expect(m.text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    const last = plan.messages.at(-1)!;
    expect(last.kind === 'text' && last.text.endsWith('👉 Gõ số từ 1 đến 3 để chọn.')).toBe(true);
  });
});
