// The reporting week: identified by the day of its weekly_report deadline (the plan: each
// Friday 10:00). It covers the campaign's report_period (by default the seven days that
// end the day before: Friday to Thursday), clipped to the campaign, and stays open for
// corrections until the compile deadline that follows (Friday 17:00).
// The final report after the campaign is the same idea over the whole campaign period.
import type { CampaignDefinition } from '../definition/schema.js';
import { WEEKDAYS } from '../definition/schema.js';
import { addDays, provinceDay, weekStartOf } from '../weeks.js';

export interface ReportingWeek {
  /** YYYY-MM-DD of the weekly_report deadline: the week's key. */
  deadlineDay: string;
  /** Units report before this. */
  deadline: Date;
  /** The compiler compiles by this; reports may be corrected until then. */
  compileDeadline: Date;
  /** The days the report covers, YYYY-MM-DD inclusive. */
  from: string;
  to: string;
}

export type ReportKind = 'weekly' | 'final';

/** A period a unit reports on: a week, or the whole campaign for the final report. */
export interface ReportingPeriod extends ReportingWeek {
  kind: ReportKind;
}

/** The province keeps UTC+7 all year (no daylight saving). */
export function provinceMoment(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+07:00`);
}

/** 0 = Monday … 6 = Sunday, as in WEEKDAYS. */
function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The day of the given weekday in the ISO week holding `day`. */
function dayOfWeek(day: string, weekday: (typeof WEEKDAYS)[number]): string {
  return addDays(weekStartOf(day), WEEKDAYS.indexOf(weekday));
}

/** The reporting week whose deadline falls on `deadlineDay` (no check that it is a deadline day). */
export function weekForDeadlineDay(definition: CampaignDefinition, deadlineDay: string): ReportingWeek {
  const { weekly_report: report, compile } = definition.deadlines;
  const deadline = provinceMoment(deadlineDay, report.time);
  // The first compile moment at or after the units' deadline.
  let compileDay = deadlineDay;
  const wanted = WEEKDAYS.indexOf(compile.weekday);
  while (weekdayIndex(compileDay) !== wanted || provinceMoment(compileDay, compile.time) < deadline)
    compileDay = addDays(compileDay, 1);
  const { from, to } = periodDaysFor(definition, deadlineDay);
  return {
    deadlineDay,
    deadline,
    compileDeadline: provinceMoment(compileDay, compile.time),
    from: from < definition.starts_on ? definition.starts_on : from,
    to: to > definition.ends_on ? definition.ends_on : to,
  };
}

/** The days the report due on `deadlineDay` covers, before clipping to the campaign. */
function periodDaysFor(definition: CampaignDefinition, deadlineDay: string): { from: string; to: string } {
  const { days, ends_days_before_deadline: gap } = definition.report_period;
  const to = addDays(deadlineDay, -gap);
  return { from: addDays(to, 1 - days), to };
}

/**
 * Each campaign's answers so far, by day: /tiendo and the dashboard ask this of every
 * week's rows on every view (52 a year, about 1 µs each), always of the same days.
 */
const periodEnds = new WeakMap<CampaignDefinition, Map<string, string>>();
/** Days kept per campaign: more than a campaign's length, so the map never grows without end. */
const PERIOD_ENDS_KEPT = 2000;

/** The last day of the reporting period holding `day` (periods follow each other weekly). */
export function periodEndOf(definition: CampaignDefinition, day: string): string {
  let known = periodEnds.get(definition);
  if (!known) periodEnds.set(definition, (known = new Map<string, string>()));
  let end = known.get(day);
  if (end === undefined) {
    if (known.size >= PERIOD_ENDS_KEPT) known.clear();
    known.set(day, (end = periodEndCounted(definition, day)));
  }
  return end;
}

function periodEndCounted(definition: CampaignDefinition, day: string): string {
  const deadlineWeekday = WEEKDAYS.indexOf(definition.deadlines.weekly_report.weekday);
  const gap = definition.report_period.ends_days_before_deadline;
  // The first day from `day` on whose deadline (gap days later) falls on the deadline's
  // weekday: counted, not stepped to day by day, and without parsing date strings
  // (/tiendo asks this of every week's rows).
  const epochDay = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
  // 1970-01-01 was a Thursday (3, counting from Monday).
  const ahead = (((deadlineWeekday - (epochDay + 3) - gap) % 7) + 7) % 7;
  return ahead === 0 ? day : new Date((epochDay + ahead) * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Every reporting week of the campaign, in order. */
export function reportingWeeks(definition: CampaignDefinition): ReportingWeek[] {
  const weeks: ReportingWeek[] = [];
  const weekday = definition.deadlines.weekly_report.weekday;
  // From the first deadline whose period reaches the campaign's first day, to the last
  // whose period starts by its last day.
  let day = dayOfWeek(definition.starts_on, weekday);
  while (periodDaysFor(definition, day).to < definition.starts_on) day = addDays(day, 7);
  while (periodDaysFor(definition, addDays(day, -7)).to >= definition.starts_on) day = addDays(day, -7);
  for (; periodDaysFor(definition, day).from <= definition.ends_on; day = addDays(day, 7))
    weeks.push(weekForDeadlineDay(definition, day));
  return weeks;
}

/**
 * The week a report made at `moment` belongs to: the first week of the campaign whose
 * compile deadline has not passed. Undefined after the last week's compile deadline (and
 * before the campaign starts, when there is nothing to report yet).
 */
export function reportingWeekOf(definition: CampaignDefinition, moment: Date): ReportingWeek | undefined {
  if (provinceDay(moment) < weekStartOf(definition.starts_on)) return undefined;
  return reportingWeeks(definition).find((w) => moment <= w.compileDeadline);
}

/** The final report: the whole campaign, due at final_report, compiled by final_compile. */
export function finalPeriodOf(definition: CampaignDefinition): ReportingPeriod | undefined {
  const { final_report: report, final_compile: compile } = definition.deadlines;
  if (!report) return undefined;
  const deadline = provinceMoment(report.date, report.time);
  const compileDeadline = compile ? provinceMoment(compile.date, compile.time) : deadline;
  return {
    kind: 'final',
    deadlineDay: report.date,
    deadline,
    compileDeadline,
    from: definition.starts_on,
    to: definition.ends_on,
  };
}

/** What a unit reports on at `moment`: the current week, or after the last week the final report. */
export function reportingPeriodOf(definition: CampaignDefinition, moment: Date): ReportingPeriod | undefined {
  const week = reportingWeekOf(definition, moment);
  if (week) return { kind: 'weekly', ...week };
  const final = finalPeriodOf(definition);
  if (final && provinceDay(moment) > definition.ends_on && moment <= final.compileDeadline) return final;
  return undefined;
}

/** The weekly period whose deadline falls on `deadlineDay`, when it is one of the campaign's. */
export function periodForDeadlineDay(
  definition: CampaignDefinition,
  kind: ReportKind,
  deadlineDay: string,
): ReportingPeriod | undefined {
  if (kind === 'final') {
    const final = finalPeriodOf(definition);
    return final && final.deadlineDay === deadlineDay ? final : undefined;
  }
  const week = reportingWeeks(definition).find((w) => w.deadlineDay === deadlineDay);
  return week ? { kind: 'weekly', ...week } : undefined;
}
