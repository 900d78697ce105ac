import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatDayDate, formatPercent } from '../../src/i18n/format.js';
import { Texts, keysOf } from '../../src/i18n/index.js';

describe('Vietnamese formats', () => {
  it('writes counts and rates the Vietnamese way', () => {
    expect(formatCount(65465)).toBe('65.465');
    expect(formatCount(196960)).toBe('196.960');
    expect(formatCount(1020)).toBe('1.020');
    expect(formatCount(7)).toBe('7');
    expect(formatPercent(65465 / 196960)).toBe('33,2%');
    expect(formatPercent(4048 / 93990)).toBe('4,3%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatCount(65465, 'en')).toBe('65,465');
    expect(formatPercent(0.332, 'en')).toBe('33.2%');
  });

  it('writes dates in Asia/Ho_Chi_Minh whatever the machine time zone', () => {
    // 08/12/2023 10:00 in Vietnam is 03:00 UTC.
    const deadline = new Date('2023-12-08T03:00:00Z');
    expect(formatDate(deadline)).toBe('08/12/2023');
    expect(formatDayDate(deadline)).toBe('thứ Sáu, 08/12/2023');
    expect(formatDateTime(deadline)).toBe('thứ Sáu, 08/12/2023 10:00');
    expect(formatDateTime(deadline, 'en')).toBe('Friday, 08/12/2023 10:00');
    // 23:30 UTC on the 9th is already Sunday the 10th in Vietnam.
    expect(formatDayDate(new Date('2023-12-09T23:30:00Z'))).toBe('Chủ nhật, 10/12/2023');
  });

  it('never writes a count with a decimal comma or a stray space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (n) => {
        const text = formatCount(n);
        expect(text).toMatch(/^\d{1,3}(\.\d{3})*$/);
        expect(Number(text.replaceAll('.', ''))).toBe(n);
      }),
    );
  });
});

describe('locales', () => {
  it('has every Vietnamese key in English too, and the other way round', () => {
    const texts = Texts.load('vi');
    const vi = keysOf(texts.resources, 'vi');
    const en = keysOf(texts.resources, 'en');
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });
});
