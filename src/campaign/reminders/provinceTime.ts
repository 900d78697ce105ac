// Province time by arithmetic: the province keeps UTC+7 all year (as provinceMoment
// assumes), and the scheduler asks these questions thousands of times a day, so they skip
// the slower Intl formatting the display helpers use.
const OFFSET_MS = 7 * 3_600_000;

/** YYYY-MM-DD of the moment in the province. */
export function dayInProvince(moment: Date): string {
  return new Date(moment.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight in the province. */
export function minuteOfDayInProvince(moment: Date): number {
  const shifted = new Date(moment.getTime() + OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}
