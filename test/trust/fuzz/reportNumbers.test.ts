// The numbers an official types into /baocao: anything typed gets an answer (a count or a
// reason to ask again), and exactly the documented forms are counts: `1020`, `1.020`,
// `1 020`, `12.345.678`, from 0 to MAX_COUNT. A comma is the decimal mark, never a guess.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COUNT, parseReportCount } from '../../../src/campaign/reports/validation.js';
import { fuzzRuns } from '../support/fuzzRuns.js';

const PROBLEMS = ['notNumber', 'negative', 'notWhole', 'ambiguous', 'tooLarge'];

/** The documented grammar, written out on its own: plain digits, or groups of three after a separator. */
const GRAMMAR = /^(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+)$/;

/** A count the way a person would write it. */
function written(n: number, style: 'plain' | 'dot' | 'space' | 'nbsp'): string {
  if (style === 'plain') return String(n);
  const separator = style === 'dot' ? '.' : style === 'space' ? ' ' : '\u00a0';
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

const styles = fc.constantFrom('plain' as const, 'dot' as const, 'space' as const, 'nbsp' as const);
const padding = fc.stringMatching(/^[ \t\n\u00a0]{0,3}$/);
// Text that looks like numbers: digits, separators, signs and a few letters, in any order.
const numberish = fc.string({ unit: fc.constantFrom(...'0123456789.,  -−–+eEk%\u00a0'), maxLength: 16 });
const anything = fc.oneof(numberish, fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }));

describe('parseReportCount', () => {
  it('never throws, and answers either a count in range or a known problem', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const parsed = parseReportCount(text);
        if (parsed.ok) {
          expect(Number.isSafeInteger(parsed.value)).toBe(true);
          expect(parsed.value).toBeGreaterThanOrEqual(0);
          expect(parsed.value).toBeLessThanOrEqual(MAX_COUNT);
        } else expect(PROBLEMS).toContain(parsed.problem);
      }),
      { numRuns: fuzzRuns(3000) },
    );
  });

  it('reads every count written in a documented way, whatever the spaces around it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COUNT }), styles, padding, padding, (n, style, before, after) => {
        expect(parseReportCount(`${before}${written(n, style)}${after}`)).toEqual({ ok: true, value: n });
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('refuses what is not a whole count, saying why', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_COUNT }), styles, (n, style) => {
        expect(parseReportCount(`-${written(n, style)}`)).toEqual({ ok: false, problem: 'negative' });
        expect(parseReportCount(`${n},5`)).toEqual({ ok: false, problem: 'notWhole' });
        if (n >= 1000)
          expect(parseReportCount(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','))).toEqual({ ok: false, problem: 'ambiguous' });
        expect(parseReportCount(written(MAX_COUNT + n, style))).toEqual({ ok: false, problem: 'tooLarge' });
        expect(parseReportCount(`${n}%`)).toEqual({ ok: false, problem: 'notNumber' });
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });

  it('accepts nothing outside the grammar, apart from spaces between digits', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const parsed = parseReportCount(text);
        if (!parsed.ok) return;
        const digitsOnly = text.trim().replace(/[\s\u00a0]/g, '');
        expect(GRAMMAR.test(digitsOnly)).toBe(true);
        expect(parsed.value).toBe(Number(digitsOnly.replace(/\./g, '')));
      }),
      { numRuns: fuzzRuns(3000) },
    );
  });

  it('accepts a space only between groups of three digits', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const parsed = parseReportCount(text);
        if (parsed.ok) expect(GRAMMAR.test(text.trim())).toBe(true);
      }),
      { numRuns: fuzzRuns(3000), examples: [['5 3'], ['0 .000']] },
    );
  });
});
