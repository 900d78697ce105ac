// The campaign's week: an ISO week, Monday to Sunday, in the province's time zone. A row
// of statistics belongs to the week that holds its last day (`to`); units report each
// Friday on the week so far, so the current week fills in as the data arrives. Days are
// handled as `YYYY-MM-DD` strings so no time zone can shift them.
import { zonedParts } from '../i18n/format.js';

const DAY_MS = 86_400_000;

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return new Date(toUtc(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day of a moment in the province (Asia/Ho_Chi_Minh). */
export function provinceDay(moment: Date): string {
  const p = zonedParts(moment);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Monday of the ISO week holding `day`. */
export function weekStartOf(day: string): string {
  const weekday = toUtc(day).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Sunday of the ISO week holding `day`: the key under which a week's rows are kept. */
export function weekEndOf(day: string): string {
  return addDays(weekStartOf(day), 6);
}

/** A `YYYY-MM-DD` day as a Date at noon in the province, for the date formatters. */
export function dayAsDate(day: string): Date {
  return new Date(`${day}T12:00:00+07:00`);
}
