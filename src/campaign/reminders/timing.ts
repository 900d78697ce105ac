// When one rule's reminder for one deadline falls due, when it may go (out of quiet hours),
// and from when it is no longer worth sending.
import { addDays } from '../weeks.js';
import { dayInProvince } from './provinceTime.js';
import { provinceMoment } from '../reports/week.js';
import type { Deadline } from './calendar.js';
import { afterQuietHours, type QuietHours } from './quietHours.js';
import type { ReminderOffset } from './rules.js';

export interface ReminderTiming {
  dueAt: Date;
  /** dueAt, moved to the end of quiet hours when it falls in them. */
  notBefore: Date;
  expiresAt: Date;
}

const HOUR_MS = 3_600_000;

export function dueAtOf(offset: ReminderOffset, deadline: Date): Date {
  if (offset.minutes !== undefined) return new Date(deadline.getTime() + offset.minutes * 60_000);
  return provinceMoment(addDays(dayInProvince(deadline), offset.days ?? 0), offset.at ?? '00:00');
}

/**
 * A reminder before a deadline is pointless once the deadline has passed. One after the
 * report deadline matters until the reports are compiled; anything later, for a day.
 */
export function expiryOf(dueAt: Date, deadline: Deadline): Date {
  if (dueAt < deadline.at) return deadline.at;
  if (deadline.name === 'report' && deadline.round.compile > dueAt) return deadline.round.compile;
  return new Date(dueAt.getTime() + 24 * HOUR_MS);
}

/** Undefined when quiet hours push the reminder past the point where it matters. */
export function timingOf(offset: ReminderOffset, deadline: Deadline, quiet: QuietHours): ReminderTiming | undefined {
  const dueAt = dueAtOf(offset, deadline.at);
  const expiresAt = expiryOf(dueAt, deadline);
  const notBefore = afterQuietHours(dueAt, quiet);
  return notBefore < expiresAt ? { dueAt, notBefore, expiresAt } : undefined;
}

/** The reminders someone asks about, by their timing. */
export interface TimingWindow {
  includes(timing: ReminderTiming): boolean;
}

/** What the scheduler sends now: may go already and still matters. */
export function dueNow(now: Date): TimingWindow {
  return { includes: (t) => t.notBefore <= now && now < t.expiresAt };
}

/** What /nhacnho shows: still to come, up to `until`. */
export function upcomingUntil(now: Date, until: Date): TimingWindow {
  return { includes: (t) => t.notBefore > now && t.notBefore <= until };
}
