// Office hours of the commune a ticket belongs to (the campaign definition's office_hours),
// in province time: whether someone is expected to answer now, when they next will, and
// how many office minutes a ticket has waited (escalation counts only those).
import type { Store } from '../store/index.js';
import { type CampaignDefinition, CampaignDefinitionSchema, WEEKDAYS } from '../campaign/definition/schema.js';

export type OfficeHours = CampaignDefinition['office_hours'];

/** The province keeps UTC+7 all year. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** A ticket never waits longer than this for office hours to be searched. */
const SEARCH_DAYS = 21;

export const DEFAULT_OFFICE_HOURS: OfficeHours = CampaignDefinitionSchema.shape.office_hours.parse(undefined);

export async function officeHoursFor(store: Pick<Store, 'campaigns'>, unitCode: string, at: Date): Promise<OfficeHours> {
  return (await store.campaigns.campaignFor(unitCode, provinceDayOf(at)))?.office_hours ?? DEFAULT_OFFICE_HOURS;
}

export function provinceDayOf(moment: Date): string {
  return new Date(moment.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Midnight (province time) of the day holding the moment, as epoch ms. */
function dayStart(moment: number): number {
  return Math.floor((moment + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The office periods of one province day, as [start, end) epoch ms. */
function periodsOfDay(start: number, hours: OfficeHours): [number, number][] {
  const weekday = WEEKDAYS[(new Date(start + OFFSET_MS).getUTCDay() + 6) % 7]!;
  if (!hours.days.includes(weekday)) return [];
  return hours.periods.map((p) => [start + minutesOf(p.from) * 60_000, start + minutesOf(p.to) * 60_000]);
}

/** The moment itself during office hours, else the start of the next office period. */
export function nextOfficeStart(moment: Date, hours: OfficeHours): Date {
  const t = moment.getTime();
  for (let d = 0, start = dayStart(t); d < SEARCH_DAYS; d++, start += DAY_MS)
    for (const [from, to] of periodsOfDay(start, hours).sort((a, b) => a[0] - b[0])) {
      if (t >= from && t < to) return moment;
      if (from > t) return new Date(from);
    }
  return moment;
}

/** Office minutes between two moments (0 when `to` is not after `from`). */
export function officeMinutesBetween(from: Date, to: Date, hours: OfficeHours): number {
  const a = from.getTime();
  const b = to.getTime();
  let total = 0;
  for (let start = dayStart(a), d = 0; start < b && d < SEARCH_DAYS * 3; start += DAY_MS, d++)
    for (const [p, q] of periodsOfDay(start, hours)) total += Math.max(0, Math.min(q, b) - Math.max(p, a));
  return Math.floor(total / 60_000);
}
