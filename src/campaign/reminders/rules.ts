// Reminder rules: who is reminded, of which deadline, when, and with which message. Part of
// the campaign definition (YAML → zod → stored JSON → zod again), so the parsed shape is
// kept identical to the written one: no transforms here.
import { z } from 'zod';
import { ROLES } from '../roles/types.js';
import { UNIT_KINDS } from '../units/types.js';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time as HH:MM, e.g. 16:00' });

/**
 * When a rule fires, relative to its deadline: either a number of minutes (negative before,
 * positive after), or a day relative to the deadline's day at a time of day.
 */
export const ReminderOffsetSchema = z
  .strictObject({
    minutes: z
      .int({ error: 'expected whole minutes, e.g. -120 for two hours before' })
      .min(-60 * 24 * 14)
      .max(60 * 24 * 14)
      .optional(),
    days: z.int({ error: 'expected whole days, e.g. -1 for the day before' }).min(-14).max(14).optional(),
    at: clockTime.optional(),
  })
  .superRefine((offset, ctx) => {
    const relative = offset.minutes !== undefined;
    const calendar = offset.days !== undefined || offset.at !== undefined;
    if (relative === calendar)
      ctx.addIssue({
        code: 'custom',
        message: 'give either minutes (e.g. { minutes: -120 }) or a day and a time (e.g. { days: -1, at: "16:00" })',
      });
    else if (calendar && (offset.days === undefined || offset.at === undefined))
      ctx.addIssue({ code: 'custom', message: 'a day offset needs both days and at, e.g. { days: -1, at: "16:00" }' });
  });

export const ReminderRuleSchema = z.strictObject({
  /** Part of every idempotency key: renaming a rule re-sends its reminders. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'use lower-case letters, digits and "-", e.g. day-before' }),
  /**
   * reminder: to the people whose own unit has not reported yet.
   * escalation: the list of reports still missing in the recipient's area of responsibility.
   */
  kind: z.enum(['reminder', 'escalation'], { error: 'expected reminder or escalation' }),
  to: z.strictObject({
    /** `reporter` falls back to the unit's `head` when the unit has no reporter. */
    role: z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` }),
    /** Only roles held on units of these kinds (default: any). */
    unit_kinds: z
      .array(z.enum(UNIT_KINDS, { error: `expected one of ${UNIT_KINDS.join(', ')}` }))
      .min(1)
      .optional(),
  }),
  /** report: the units' report deadline; compile: the compiling department's deadline. */
  deadline: z.enum(['report', 'compile'], { error: 'expected report or compile' }),
  /** Which reporting rounds: every week of the campaign, the final report, or both. */
  rounds: z
    .array(z.enum(['weekly', 'final'], { error: 'expected weekly or final' }))
    .min(1)
    .default(['weekly', 'final']),
  offset: ReminderOffsetSchema,
  /** The text, as a key under `messages` in locales/<lang>/reminders.json. */
  message: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { error: 'expected a message key from locales/vi/reminders.json, e.g. dayBefore' }),
  /** An essential reminder cannot be paused with /nhacnho. */
  essential: z.boolean().default(false),
});

export type ReminderRule = z.output<typeof ReminderRuleSchema>;
export type ReminderRuleInput = z.input<typeof ReminderRuleSchema>;
export type ReminderOffset = z.output<typeof ReminderOffsetSchema>;

/** The plan's rhythm: a day ahead, two hours ahead, just after; then heads and the compiler; teams the day before. */
export const DEFAULT_REMINDER_RULES: readonly ReminderRuleInput[] = [
  {
    id: 'day-before',
    kind: 'reminder',
    to: { role: 'reporter' },
    deadline: 'report',
    offset: { days: -1, at: '16:00' },
    message: 'dayBefore',
  },
  {
    id: 'two-hours-before',
    kind: 'reminder',
    to: { role: 'reporter' },
    deadline: 'report',
    offset: { minutes: -120 },
    message: 'hoursBefore',
  },
  {
    id: 'overdue',
    kind: 'reminder',
    to: { role: 'reporter' },
    deadline: 'report',
    offset: { minutes: 5 },
    message: 'overdue',
    essential: true,
  },
  {
    id: 'head-missing',
    kind: 'escalation',
    to: { role: 'head', unit_kinds: ['department', 'district', 'commune'] },
    deadline: 'report',
    offset: { minutes: 5 },
    message: 'headMissing',
    essential: true,
  },
  {
    id: 'compiler-missing',
    kind: 'escalation',
    to: { role: 'compiler' },
    deadline: 'compile',
    offset: { minutes: 0 },
    message: 'compilerMissing',
    essential: true,
  },
  // Community teams: held on a commune (as the shipped unit lists have it) or on a team
  // unit below one, the role answers through that commune's report.
  {
    id: 'team-day-before',
    kind: 'reminder',
    to: { role: 'team_leader', unit_kinds: ['commune', 'team'] },
    deadline: 'report',
    rounds: ['weekly'],
    offset: { days: -1, at: '09:00' },
    message: 'teamDayBefore',
  },
  {
    id: 'team-member-day-before',
    kind: 'reminder',
    to: { role: 'team_member', unit_kinds: ['commune', 'team'] },
    deadline: 'report',
    rounds: ['weekly'],
    offset: { days: -1, at: '09:00' },
    message: 'teamDayBefore',
  },
];

export const ReminderRulesSchema = z.strictObject({
  /** Replaces the default rules when given; an empty list sends no reminders. */
  rules: z
    .array(ReminderRuleSchema)
    .prefault(() => [...DEFAULT_REMINDER_RULES])
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, index) => {
        if (seen.has(rule.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `rule id "${rule.id}" is used twice` });
        seen.add(rule.id);
      });
    }),
});

export type ReminderRules = z.output<typeof ReminderRulesSchema>;

/** The rules a campaign runs with: its own, or the defaults when it names none. */
export function reminderRulesOf(definition: { reminders?: ReminderRules | undefined }): ReminderRule[] {
  return definition.reminders?.rules ?? ReminderRulesSchema.parse({}).rules;
}
