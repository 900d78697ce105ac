// /nhacnho: the person's reminders for the coming days, to the minute, and a switch to
// pause the ones that are not essential (for a week, or until turned back on).
import type { CommandContext } from '../../bot/context.js';
import type { Choice, Reply } from '../../bot/types.js';
import { foldDiacritics } from '../../bot/normalize.js';
import type { Store } from '../../store/index.js';
import type { PlannedReminder } from './planner.js';
import { reportName } from './reminderMessage.js';
import type { ReportStatusSource } from './reportStatus.js';
import { type UpcomingReminders, upcomingReminders } from './upcoming.js';

const DAY_MS = 86_400_000;
const LOOK_AHEAD_DAYS = 7;
const MAX_LINES = 20;
const MAX_PAUSE_DAYS = 60;

export type NhacnhoRequest = { kind: 'show' } | { kind: 'pause'; days?: number } | { kind: 'resume' } | { kind: 'unknown' };

/** What the person typed after /nhacnho, with or without diacritics. */
export function parseNhacnhoArgs(args: string): NhacnhoRequest {
  // A sign would be lost in folding ("-1" reads as "1"): anything but letters, digits and
  // spaces is not a request this command knows.
  if (/[^\p{L}\p{N}\s]/u.test(args)) return { kind: 'unknown' };
  const typed = foldDiacritics(args).toLowerCase().trim().replace(/\s+/g, ' ');
  if (typed === '') return { kind: 'show' };
  if (/^(bat ?lai|resume)$/.test(typed)) return { kind: 'resume' };
  const pause = /^(?:tam ?dung|pause)(?: (\d{1,3}))?$/.exec(typed);
  if (!pause) return { kind: 'unknown' };
  if (pause[1] === undefined) return { kind: 'pause' };
  const days = Number(pause[1]);
  return days >= 1 && days <= MAX_PAUSE_DAYS ? { kind: 'pause', days } : { kind: 'unknown' };
}

export function nhacnho(store: Pick<Store, 'roles' | 'campaigns' | 'reminderPauses'>, reports: ReportStatusSource) {
  const pauses = store.reminderPauses;
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const { tr, person, now } = ctx;
    if ((await store.roles.rolesOf(person.id)).length === 0) return [{ text: tr.t('reminders:nhacnho.notOfficial') }];
    const request = parseNhacnhoArgs(ctx.args);
    switch (request.kind) {
      case 'unknown':
        return [{ text: tr.t('reminders:nhacnho.usage') }];
      case 'resume':
        await pauses.resume(person.id);
        return [
          { text: tr.t('reminders:nhacnho.resumedDone'), choices: [{ id: '/nhacnho', label: tr.t('reminders:actions.manage') }] },
        ];
      case 'pause': {
        const until = request.days ? new Date(now.getTime() + request.days * DAY_MS) : undefined;
        await pauses.pause(person.id, now, until);
        const text = until
          ? tr.t('reminders:nhacnho.pausedWeekDone', { until: tr.fmt.dateTime(until) })
          : tr.t('reminders:nhacnho.pausedDone');
        return [{ text, choices: [{ id: '/nhacnho batlai', label: tr.t('reminders:nhacnho.actions.resume') }] }];
      }
      case 'show':
        return [
          await overview(
            ctx,
            await upcomingReminders(store, person, reports, now, new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY_MS)),
          ),
        ];
    }
  };

  async function overview(ctx: CommandContext, { reminders: upcoming, quietHours }: UpcomingReminders): Promise<Reply> {
    const { tr, person, now } = ctx;
    const lines: string[] = [];
    if (upcoming.length === 0) lines.push(tr.t('reminders:nhacnho.none', { days: LOOK_AHEAD_DAYS }));
    else {
      lines.push(tr.t('reminders:nhacnho.title', { days: LOOK_AHEAD_DAYS }));
      for (const reminder of upcoming.slice(0, MAX_LINES)) lines.push(line(ctx, reminder));
      if (upcoming.length > MAX_LINES) lines.push(tr.t('reminders:more', { count: upcoming.length - MAX_LINES }));
    }
    const pause = await pauses.at(person.id, now);
    lines.push('');
    if (!pause) lines.push(tr.t('reminders:nhacnho.active'));
    else if (pause.until) lines.push(tr.t('reminders:nhacnho.pausedUntil', { until: tr.fmt.dateTime(pause.until) }));
    else lines.push(tr.t('reminders:nhacnho.pausedIndefinitely'));
    if (quietHours) lines.push(tr.t('reminders:nhacnho.quiet', { from: quietHours.from, to: quietHours.to }));
    const choices: Choice[] = pause
      ? [{ id: '/nhacnho batlai', label: tr.t('reminders:nhacnho.actions.resume') }]
      : [
          { id: '/nhacnho tamdung 7', label: tr.t('reminders:nhacnho.actions.pauseWeek') },
          { id: '/nhacnho tamdung', label: tr.t('reminders:nhacnho.actions.pause') },
        ];
    return { text: lines.join('\n'), choices };
  }
}

function line(ctx: CommandContext, reminder: PlannedReminder): string {
  const { tr } = ctx;
  const what = tr.t(`reminders:nhacnho.what.${reminder.rule.kind}`, {
    report: reportName(reminder, tr),
    units: reminder.units.map((u) => u.name).join(', '),
    deadline: tr.fmt.dateTime(reminder.deadline.round.report),
  });
  const mark = reminder.paused ? tr.t('reminders:nhacnho.pausedMark') : '';
  return tr.t('reminders:nhacnho.line', { at: tr.fmt.dateTime(reminder.timing.notBefore), what: `${what}${mark}` });
}
