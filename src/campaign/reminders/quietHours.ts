// Quiet hours: nothing goes out on the bot's own initiative between `from` and `to`
// (province time, may cross midnight); what falls due then waits for the end.
import { provinceMoment } from '../reports/week.js';
import { addDays } from '../weeks.js';
import { dayInProvince, minuteOfDayInProvince } from './provinceTime.js';

export interface QuietHours {
  from: string;
  to: string;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function isQuiet(moment: Date, quiet: QuietHours): boolean {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  const now = minuteOfDayInProvince(moment);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The moment itself when it is not quiet, else the end of the quiet hours it falls in. */
export function afterQuietHours(moment: Date, quiet: QuietHours): Date {
  if (!isQuiet(moment, quiet)) return moment;
  const day = dayInProvince(moment);
  const today = provinceMoment(day, quiet.to);
  return today > moment ? today : provinceMoment(addDays(day, 1), quiet.to);
}
