// How a Reply looks on Telegram: long texts readable in pieces, buttons under the text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderReply } from '../../src/channels/telegram/render.js';
import { splitForTelegram, TELEGRAM_TEXT_LIMIT } from '../../src/channels/telegram/splitText.js';

describe('splitting a long text', () => {
  it('leaves a text that fits untouched', () => {
    expect(splitForTelegram('Bước 1: mở Cổng DVC quốc gia.\nBước 2: đăng nhập.')).toEqual([
      'Bước 1: mở Cổng DVC quốc gia.\nBước 2: đăng nhập.',
    ]);
  });

  it('cuts at a line break, never in the middle of a line', () => {
    const line = 'Nộp hồ sơ trực tuyến tại dichvucong.gov.vn. '.repeat(20).trim();
    const text = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${line}`).join('\n');
    const parts = splitForTelegram(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(text.split('\n')).toEqual(expect.arrayContaining(part.split('\n')));
    }
    expect(parts.join('\n')).toBe(text);
  });

  it('keeps every character, in order, in pieces Telegram accepts (any text)', () => {
    const piece = fc.constantFrom('a', 'ư', 'ộ', ' ', '\n', '😀', 'x'.repeat(50));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (pieces, limit) => {
        const text = pieces.join('');
        const parts = splitForTelegram(text, limit);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(limit);
          expect(part.trim()).not.toBe('');
          expect(/^[\uDC00-\uDFFF]/.test(part) || /[\uD800-\uDBFF]$/.test(part)).toBe(false);
        }
        const visible = (s: string) => s.replace(/\s/g, '');
        expect(visible(parts.join(''))).toBe(visible(text));
      }),
    );
  });
});

describe('rendering a reply', () => {
  it('puts one choice per row as buttons, then the links, under the last piece of text', () => {
    const text = `${'Hướng dẫn. '.repeat(300)}\n${'Bước tiếp. '.repeat(300)}`;
    const messages = renderReply({
      text,
      choices: [
        { id: 'f|taikhoan|s1|ok', label: 'Đã xong' },
        { id: 'nav|menu', label: 'Menu' },
      ],
      links: [{ label: 'Cổng DVC', url: 'https://dichvucong.gov.vn' }],
    });
    expect(messages.map((m) => m.kind)).toEqual(['text', 'text']);
    expect(messages[0]?.keyboard).toBeUndefined();
    expect(messages[1]?.keyboard).toEqual([
      [{ text: 'Đã xong', callback_data: 'f|taikhoan|s1|ok' }],
      [{ text: 'Menu', callback_data: 'nav|menu' }],
      [{ text: 'Cổng DVC', url: 'https://dichvucong.gov.vn' }],
    ]);
  });

  it('sends a chart as a photo before its explanation', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const messages = renderReply({ text: 'Tỷ lệ nộp trực tuyến', image: { png, caption: 'Tuần 12' } });
    expect(messages).toEqual([
      { kind: 'photo', png, caption: 'Tuần 12' },
      { kind: 'text', text: 'Tỷ lệ nộp trực tuyến' },
    ]);
  });

  it('puts the buttons on the file when there is no text, and moves a long caption to a message', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const [file] = renderReply({
      text: '',
      document: { filename: 'bao-cao.xlsx', bytes },
      choices: [{ id: 'x', label: 'Xong' }],
    });
    expect(file).toMatchObject({
      kind: 'document',
      filename: 'bao-cao.xlsx',
      keyboard: [[{ text: 'Xong', callback_data: 'x' }]],
    });

    const caption = 'Ghi chú. '.repeat(200);
    const messages = renderReply({ text: '', document: { filename: 'a.xlsx', bytes, caption } });
    expect(messages[0]).not.toHaveProperty('caption');
    expect(messages[1]).toEqual({ kind: 'text', text: caption });
  });

  it('leaves out a button whose id Telegram would refuse, instead of losing the whole message', () => {
    const problems: string[] = [];
    const longId = `f|${'x'.repeat(70)}`;
    const [message] = renderReply(
      {
        text: 'Chọn xã',
        choices: [
          { id: longId, label: 'Xã A' },
          { id: 'xa|b', label: 'Xã B' },
        ],
      },
      (p) => problems.push(p.oversizedChoiceId),
    );
    expect(message?.keyboard).toEqual([[{ text: 'Xã B', callback_data: 'xa|b' }]]);
    expect(problems).toEqual([longId]);
  });

  it("writes a link Telegram would refuse as a button (a local trial's http://localhost) into the text instead", () => {
    const url = 'http://localhost:3000/web/signin?t=abcdefghijklmnopqrstuvwxyz';
    const [message] = renderReply({
      text: 'Đây là đường dẫn mở bảng theo dõi.',
      links: [
        { label: 'Mở bảng theo dõi', url },
        { label: 'Cổng DVC', url: 'https://dichvucong.gov.vn' },
      ],
    });
    expect(message?.kind).toBe('text');
    expect(message?.kind === 'text' && message.text).toBe(`Đây là đường dẫn mở bảng theo dõi.\n🔗 Mở bảng theo dõi: ${url}`);
    expect(message?.keyboard).toEqual([[{ text: 'Cổng DVC', url: 'https://dichvucong.gov.vn' }]]);
  });
});
