// Numbers and dates the way a Vietnamese reader expects them (`65.465`, `33,2%`,
// `thứ Sáu 08/12/2023 10:00`), always in the province's time zone.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};

const percentFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

// Intl takes about a microsecond a number, and /tiendo writes three for each of a province's
// hundreds of units. The usual numbers (whole counts, non-negative rates) are written here as
// Intl writes them: from the number's shortest decimal form, rounded half away from zero, in
// groups of three. Anything else (negative, fractional counts, huge, tiny, not finite) is
// left to Intl; a test holds the two equal.
const SEPARATORS: Record<Locale, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

/** `1234567` → `1.234.567`. */
function grouped(digits: string, group: string): string {
  if (digits.length <= 3) return digits;
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = text.length; i < digits.length; i += 3) text += group + digits.slice(i, i + 3);
  return text;
}

/** `33.2432…` → `33,2`; undefined where Intl is left to decide. */
function oneDecimal(value: number, locale: Locale): string | undefined {
  // NaN fails both comparisons; -0 is written "-0,0" by Intl.
  if (!(value >= 0 && value < 1e15) || Object.is(value, -0)) return undefined;
  const text = String(value);
  if (text.includes('e')) return undefined;
  const dot = text.indexOf('.');
  let whole = dot < 0 ? text : text.slice(0, dot);
  let tenth = dot < 0 ? 0 : text.charCodeAt(dot + 1) - 48;
  if (dot >= 0 && text.charCodeAt(dot + 2) >= 53 /* '5' */) {
    tenth++;
    if (tenth === 10) {
      tenth = 0;
      whole = String(Number(whole) + 1);
    }
  }
  const { decimal, group } = SEPARATORS[locale];
  return `${grouped(whole, group)}${decimal}${tenth}`;
}

/** `65465` → `65.465` (vi) or `65,465` (en). */
export function formatCount(value: number, locale: Locale = 'vi'): string {
  if (Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0)) return grouped(String(value), SEPARATORS[locale].group);
  return numberFormats[locale].format(value);
}

/** A ratio in 0..1 (or above) as a percentage with one decimal: `0.3324` → `33,2%`. */
export function formatPercent(ratio: number, locale: Locale = 'vi'): string {
  const value = ratio * 100;
  return `${oneDecimal(value, locale) ?? percentFormats[locale].format(value)}%`;
}

interface ZonedParts {
  weekday: number; // 0 = Sunday
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * The last minute asked about and its parts: a page or a chat turn reads the same moment
 * several times (its day, its date), and each formatToParts costs about 10 µs.
 */
let lastMinute = Number.NaN;
let lastParts: Readonly<ZonedParts> | undefined;

export function zonedParts(date: Date): Readonly<ZonedParts> {
  // Every part is shared by the whole minute (time zones move by whole minutes).
  const minute = Math.floor(date.getTime() / 60_000);
  if (minute === lastMinute && lastParts) return lastParts;
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  lastParts = Object.freeze({
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  });
  lastMinute = minute;
  return lastParts;
}

const WEEKDAY_NAMES: Record<Locale, readonly string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** `08/12/2023` in the province's time zone. */
export function formatDate(date: Date): string {
  const p = zonedParts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `08/12/2023` from a calendar day (yyyy-mm-dd): a day needs no time zone, nor Intl. */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Vietnamese writes the weekday straight before the date; English sets it off with a comma. */
const AFTER_WEEKDAY: Record<Locale, string> = { vi: ' ', en: ', ' };

/** `thứ Sáu 08/12/2023` (`Friday, 08/12/2023`) */
export function formatDayDate(date: Date, locale: Locale = 'vi'): string {
  const p = zonedParts(date);
  return `${WEEKDAY_NAMES[locale][p.weekday]}${AFTER_WEEKDAY[locale]}${p.day}/${p.month}/${p.year}`;
}

/** `thứ Sáu 08/12/2023 10:00` */
export function formatDateTime(date: Date, locale: Locale = 'vi'): string {
  const p = zonedParts(date);
  return `${formatDayDate(date, locale)} ${p.hour}:${p.minute}`;
}

/** The formatters bound to one locale, handed to domain code through the context. */
export interface Formatter {
  count(value: number): string;
  percent(ratio: number): string;
  date(date: Date): string;
  /** A calendar day (yyyy-mm-dd) as `08/12/2023`. */
  day(day: string): string;
  dayDate(date: Date): string;
  dateTime(date: Date): string;
}

export function formatterFor(locale: Locale): Formatter {
  return {
    count: (v) => formatCount(v, locale),
    percent: (r) => formatPercent(r, locale),
    date: (d) => formatDate(d),
    day: formatDay,
    dayDate: (d) => formatDayDate(d, locale),
    dateTime: (d) => formatDateTime(d, locale),
  };
}
