// One tap reminds every unit below that has not reported: a message in the outbox to each
// of its reporters (its heads when it has none), never in quiet hours (it waits for their
// end) and paced by the outbox like every message nobody asked for. The key is unit +
// period + day + person, so tapping again the same day queues nothing new. Each reminding
// is recorded in the audit log, whether from the chat or the dashboard.
import type { Reply } from '../../bot/types.js';
import type { Texts } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { afterQuietHours, type QuietHours } from '../reminders/quietHours.js';
import type { Unit } from '../units/types.js';
import { provinceDay } from '../weeks.js';
import { periodText } from './reportText.js';
import type { UnitFiling } from './status.js';
import type { ReportingPeriod } from './week.js';

export interface ReminderOutcome {
  /** Units someone was told about (or had been told about today). */
  reminded: Unit[];
  queued: number;
  alreadyQueued: number;
  /** Missing units with no official registered to receive a message. */
  unreachable: Unit[];
  /** When the messages go: now, or when the quiet hours end. */
  sendsAt: Date;
}

/** Who reminds the units below which unit, and from where. */
export interface Reminding {
  actorId: number;
  unitCode: string;
  from: 'chat' | 'web';
}

export async function remindMissing(
  store: Store,
  texts: Pick<Texts, 'for'>,
  period: ReportingPeriod,
  missing: readonly UnitFiling[],
  now: Date,
  quietHours: QuietHours,
  by: Reminding,
): Promise<ReminderOutcome> {
  const sendsAt = afterQuietHours(now, quietHours);
  const outcome: ReminderOutcome = { reminded: [], queued: 0, alreadyQueued: 0, unreachable: [], sendsAt };
  const day = provinceDay(now);
  for (const { unit } of missing) {
    const officials = await store.roles.officialsOf(unit.code);
    const reporters = officials.filter((o) => o.role === 'reporter');
    const recipients = [
      ...new Set((reporters.length ? reporters : officials.filter((o) => o.role === 'head')).map((o) => o.personId)),
    ];
    let reached = false;
    for (const personId of recipients) {
      const person = await store.persons.get(personId);
      if (!person) continue;
      const tr = texts.for(person.locale);
      const replies: Reply[] = [
        {
          text: tr.t('reports:remind.message', {
            unit: unit.name,
            period: periodText(tr, period),
            deadline: tr.fmt.dateTime(period.deadline),
          }),
          choices: [{ id: '/baocao', label: tr.t('reports:remind.fileNow') }],
        },
      ];
      for (const identity of await store.persons.identities(personId)) {
        reached = true;
        const queued = await store.outbox.enqueue(
          {
            idempotencyKey: `report-remind:${unit.code}:${period.kind}:${period.deadlineDay}:${day}:${personId}:${identity.channel}`,
            personId,
            channel: identity.channel,
            externalId: identity.externalId,
            purpose: 'report-reminder',
            replies,
            notBefore: sendsAt,
            expiresAt: period.compileDeadline,
          },
          now,
        );
        if (queued) outcome.queued++;
        else outcome.alreadyQueued++;
      }
    }
    // Only units someone could be told about count as reminded.
    (reached ? outcome.reminded : outcome.unreachable).push(unit);
  }
  await store.audit.record({
    actorId: by.actorId,
    action: 'report.reminded',
    unitCode: by.unitCode,
    subject: `${period.kind}:${period.deadlineDay}`,
    details: { from: by.from, units: outcome.reminded.length, queued: outcome.queued, unreachable: outcome.unreachable.length },
    at: now,
  });
  return outcome;
}
