// A planned reminder as the message the person reads, in their language: the deadline to
// the minute, the units concerned, and a button to act on it.
import type { Choice, Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import type { Unit } from '../units/types.js';
import type { PlannedReminder } from './planner.js';

/** Beyond this many units a list says "and N more": the compiler sees the rest in the bot. */
const MAX_LISTED = 30;

export function unitList(units: readonly Unit[], tr: Translator): string {
  const lines = units.slice(0, MAX_LISTED).map((u) => tr.t('reminders:unitLine', { name: u.name }));
  if (units.length > MAX_LISTED) lines.push(tr.t('reminders:more', { count: units.length - MAX_LISTED }));
  return lines.join('\n');
}

export function reportName(reminder: PlannedReminder, tr: Translator): string {
  return tr.t(`reminders:round.${reminder.deadline.round.kind}`);
}

export function reminderReplies(reminder: PlannedReminder, tr: Translator): Reply[] {
  const text = tr.t(`reminders:messages.${reminder.rule.message}`, {
    report: reportName(reminder, tr),
    deadline: tr.fmt.dateTime(reminder.deadline.at),
    reportDeadline: tr.fmt.dateTime(reminder.deadline.round.report),
    units: unitList(reminder.units, tr),
    count: reminder.units.length,
  });
  const choices: Choice[] = [];
  if (reminder.rule.kind === 'reminder' && reminder.deadline.name === 'report')
    choices.push({ id: '/baocao', label: tr.t('reminders:actions.report') });
  if (!reminder.rule.essential) choices.push({ id: '/nhacnho', label: tr.t('reminders:actions.manage') });
  return [{ text, ...(choices.length ? { choices } : {}) }];
}
