import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import { finalPeriodOf, periodEndOf, reportingPeriodOf, reportingWeekOf } from '../../src/campaign/reports/week.js';
import { checkBounds, isImplausibleJump, parseReportCount, parseReportText } from '../../src/campaign/reports/validation.js';
import { formatCount } from '../../src/i18n/format.js';

const planInput = {
  id: 'ben-tre-2023-cao-diem',
  root: 'BT',
  starts_on: '2023-12-01',
  ends_on: '2023-12-31',
  compiled_by: 'BT-SO-TTTT',
  deadlines: {
    weekly_report: { weekday: 'friday', time: '10:00' },
    compile: { weekday: 'friday', time: '17:00' },
    final_report: { date: '2024-01-10', time: '17:00' },
    final_compile: { date: '2024-01-20', time: '17:00' },
  },
};
const plan = CampaignDefinitionSchema.parse(planInput);
const at = (iso: string) => new Date(`${iso}+07:00`);

describe('the period a day of figures belongs to', () => {
  // A campaign whose units report on Monday, their period ending two days before.
  const mondays = CampaignDefinitionSchema.parse({
    ...planInput,
    deadlines: { ...planInput.deadlines, weekly_report: { weekday: 'monday', time: '10:00' } },
    report_period: { ends_days_before_deadline: 2 },
  });
  const dayOf = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  /** Day by day: the first day from `day` on whose deadline (`gap` days later) falls on `weekday` (0 = Sunday). */
  const stepped = (day: string, weekday: number, gap: number) => {
    let d = day;
    while (new Date(`${d}T00:00:00Z`).getUTCDay() !== (weekday - (gap % 7) + 7) % 7)
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return d;
  };

  it("is each campaign's own, asked of the same days in any order", () => {
    expect(periodEndOf(plan, '2023-12-01')).toBe('2023-12-07');
    expect(periodEndOf(mondays, '2023-12-01')).toBe('2023-12-02');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 800 })), { maxLength: 40 }), (asked) => {
        for (const [monday, n] of asked)
          expect(periodEndOf(monday ? mondays : plan, dayOf(n))).toBe(
            monday ? stepped(dayOf(n), 1, 2) : stepped(dayOf(n), 5, plan.report_period.ends_days_before_deadline),
          );
      }),
    );
  });
});

describe('the reporting week of a moment (KH 7386: units by Friday 10:00, compiled by 17:00)', () => {
  it('is the week whose Friday deadline is next, and stays open for corrections until 17:00 that Friday', () => {
    // Friday to Thursday by default: the period ends the day before its own deadline.
    expect(reportingWeekOf(plan, at('2023-12-06T08:00:00'))).toMatchObject({
      deadlineDay: '2023-12-08',
      from: '2023-12-01',
      to: '2023-12-07',
    });
    const week = reportingWeekOf(plan, at('2023-12-08T16:59:00'))!;
    expect(week.deadlineDay).toBe('2023-12-08');
    expect(week.deadline.toISOString()).toBe('2023-12-08T03:00:00.000Z');
    expect(week.compileDeadline.toISOString()).toBe('2023-12-08T10:00:00.000Z');
    expect(reportingWeekOf(plan, at('2023-12-08T17:01:00'))!.deadlineDay).toBe('2023-12-15');
  });

  it('clips the first and last weeks to the campaign, and has no week after the last compile deadline', () => {
    // The campaign starts on Friday 1/12: the first period is 1–7/12, due Friday 8/12.
    expect(reportingWeekOf(plan, at('2023-11-28T09:00:00'))).toMatchObject({
      deadlineDay: '2023-12-08',
      from: '2023-12-01',
      to: '2023-12-07',
    });
    expect(reportingWeekOf(plan, at('2023-12-27T09:00:00'))).toMatchObject({
      deadlineDay: '2023-12-29',
      from: '2023-12-22',
      to: '2023-12-28',
    });
    // It ends on Sunday 31/12: the last period, 29–31/12, is due Friday 5/1.
    expect(reportingWeekOf(plan, at('2023-12-29T17:01:00'))).toMatchObject({
      deadlineDay: '2024-01-05',
      from: '2023-12-29',
      to: '2023-12-31',
    });
    expect(reportingWeekOf(plan, at('2024-01-05T17:01:00'))).toBeUndefined();
    expect(reportingWeekOf(plan, at('2023-11-01T09:00:00'))).toBeUndefined();
  });

  it("follows the campaign's report_period: the days covered and where they end", () => {
    const sameDay = CampaignDefinitionSchema.parse({ ...planInput, report_period: { days: 7, ends_days_before_deadline: 0 } });
    expect(reportingWeekOf(sameDay, at('2023-12-13T09:00:00'))).toMatchObject({
      deadlineDay: '2023-12-15',
      from: '2023-12-09',
      to: '2023-12-15',
    });
    expect(() => CampaignDefinitionSchema.parse({ ...planInput, report_period: { days: 0 } })).toThrow();
  });

  it('moves to the final report after the last week, until the final compile deadline', () => {
    expect(reportingPeriodOf(plan, at('2024-01-08T09:00:00'))).toMatchObject({
      kind: 'final',
      deadlineDay: '2024-01-10',
      from: '2023-12-01',
      to: '2023-12-31',
    });
    expect(finalPeriodOf(plan)!.compileDeadline.toISOString()).toBe('2024-01-20T10:00:00.000Z');
    expect(reportingPeriodOf(plan, at('2024-01-21T09:00:00'))).toBeUndefined();
  });
});

describe('Vietnamese numbers in the form', () => {
  it('reads back every count written the Vietnamese way, with dots or plain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(parseReportCount(formatCount(n, 'vi'))).toEqual({ ok: true, value: n });
        expect(parseReportCount(String(n))).toEqual({ ok: true, value: n });
        expect(parseReportCount(` ${String(n)} `)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('never accepts a negative number or a decimal as a count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), (n, decimals) => {
        expect(parseReportCount(`-${n}`)).toEqual({ ok: false, problem: 'negative' });
        expect(parseReportCount(`${n},${decimals}`).ok).toBe(false);
      }),
    );
  });

  it('never throws and never returns a negative or fractional value, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseReportCount(text);
        if (parsed.ok) expect(Number.isSafeInteger(parsed.value) && parsed.value >= 0).toBe(true);
      }),
    );
  });

  it('names the problem a clerk can fix', () => {
    expect(parseReportCount('mười')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseReportCount('1,020')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseReportCount('12.5')).toEqual({ ok: false, problem: 'notWhole' });
    expect(parseReportCount('99999999999')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseReportText('Không')).toEqual({ ok: true, value: '' });
    expect(parseReportText('x'.repeat(1001))).toEqual({ ok: false, problem: 'tooLong' });
  });

  it('keeps the part within the whole, whichever of the two is typed last', () => {
    expect(checkBounds('receivedOnline', 150, { receivedTotal: 100 })).toEqual({
      problem: 'onlineAboveReceived',
      part: 150,
      whole: 100,
    });
    expect(checkBounds('receivedTotal', 90, { receivedOnline: 100 })).toEqual({
      problem: 'onlineAboveReceived',
      part: 100,
      whole: 90,
    });
    expect(checkBounds('paidOnline', 31, { feeDossiers: 30 })).toEqual({ problem: 'paidAboveFees', part: 31, whole: 30 });
    expect(checkBounds('paidOnline', 30, { feeDossiers: 30 })).toBeUndefined();
  });

  it('flags a tenfold jump against last week but not small numbers or normal change', () => {
    expect(isImplausibleJump(1000, 100)).toBe(true);
    expect(isImplausibleJump(10, 300)).toBe(true);
    expect(isImplausibleJump(30, 10)).toBe(false);
    expect(isImplausibleJump(140, 100)).toBe(false);
    expect(isImplausibleJump(1000, undefined)).toBe(false);
  });
});
