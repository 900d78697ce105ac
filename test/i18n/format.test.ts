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
    expect(formatDayDate(deadline)).toBe('thứ Sáu 08/12/2023');
    expect(formatDateTime(deadline)).toBe('thứ Sáu 08/12/2023 10:00');
    expect(formatDateTime(deadline, 'en')).toBe('Friday, 08/12/2023 10:00');
    // 23:30 UTC on the 9th is already Sunday the 10th in Vietnam.
    expect(formatDayDate(new Date('2023-12-09T23:30:00Z'))).toBe('Chủ nhật 10/12/2023');
  });

  it('writes each moment as itself, whichever moments were written before it', () => {
    // Vietnam keeps UTC+7 all year: the clock reading is the UTC one seven hours on.
    const inVietnam = (moment: Date) => {
      const [day, time] = new Date(moment.getTime() + 7 * 3_600_000).toISOString().split('T') as [string, string];
      return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)} ${time.slice(0, 5)}`;
    };
    const base = Date.parse('2023-12-08T16:58:00Z');
    fc.assert(
      // Moments seconds to days apart, back and forth: the same minute, the next, the day after.
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 86_400 }), { minLength: 1, maxLength: 30 }), (seconds) => {
        for (const s of seconds) {
          const moment = new Date(base + s * 1000);
          expect(formatDateTime(moment, 'en').replace(/^\w+, /, '')).toBe(inVietnam(moment));
        }
      }),
    );
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

describe('counts and rates written without Intl', () => {
  // formatCount and formatPercent write the usual numbers themselves (Intl costs a
  // microsecond a number): they must write exactly what Intl writes.
  const intl = {
    vi: {
      count: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    },
    en: {
      count: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    },
  };
  const same = (ratio: number) => {
    for (const locale of ['vi', 'en'] as const)
      expect(formatPercent(ratio, locale)).toBe(`${intl[locale].percent.format(ratio * 100)}%`);
  };

  it('writes every rate of small counts as Intl does, ties and carries included', () => {
    for (let den = 1; den <= 250; den++) for (let num = 0; num <= den * 1.5; num++) same(num / den);
    // Shortest forms ending in 5 round up (0,15 → 0,2 though the double is just below),
    // and a carry runs into the whole part and its groups.
    for (const r of [0.0015, 0.0025, 0.0045, 0.0095, 0.0995, 0.9995, 9.9995, 99_999.9995, 12.3456, 1e-9, 2.5e-7, 0]) same(r);
    for (const r of [-0, -0.0004, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e13, 1e20, 5e-324]) same(r);
  });

  it('writes any rate and any count as Intl does', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 1e12, noNaN: true }), (ratio) => same(ratio)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.double()), (n) => {
        for (const locale of ['vi', 'en'] as const) expect(formatCount(n, locale)).toBe(intl[locale].count.format(n));
      }),
      { numRuns: 20_000 },
    );
    for (const n of [-0, 0, 999, 1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 2.5])
      for (const locale of ['vi', 'en'] as const) expect(formatCount(n, locale)).toBe(intl[locale].count.format(n));
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
