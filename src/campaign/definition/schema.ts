// The campaign definition: what is measured against what, and when. Written in YAML by
// administrators, checked here, stored as JSON so later sections (deadlines, reminder
// rules) can be added to this schema without a migration.
import { z } from 'zod';
import { parseDay, UNIT_CODE } from '../sourceTable/cells.js';
import { ReminderRulesSchema } from '../reminders/rules.js';

const day = z
  .union([z.string(), z.date()])
  .refine((v) => parseDay(v) !== undefined, { error: 'expected a date as YYYY-MM-DD or DD/MM/YYYY' })
  .transform((v) => parseDay(v)!);

/** A target in percent (50 means 50%), stored as a ratio. */
const percentTarget = z
  .number({ error: 'expected a percentage between 0 and 100, e.g. 50' })
  .min(0)
  .max(100)
  .transform((v) => v / 100);

export const TargetsSchema = z.strictObject({
  online: percentTarget.prefault(50),
  payment: percentTarget.prefault(30),
  digitization: percentTarget.prefault(100),
});

/** A time of day in the province, "HH:MM". */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time as HH:MM, e.g. 10:00' });

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekday = z.enum(WEEKDAYS, { error: 'expected a weekday in English, e.g. friday' });

/** A deadline that comes back every week of the campaign. */
const weeklyDeadline = z.strictObject({ weekday, time: clockTime });
/** A deadline that comes once (the final report after the campaign). */
const onceDeadline = z.strictObject({ date: day, time: clockTime.default('17:00') });

export const DeadlinesSchema = z.strictObject({
  /** Every unit files its weekly report before this (the plan: 10:00 Friday). */
  weekly_report: weeklyDeadline.default({ weekday: 'friday', time: '10:00' }),
  /** The compiling department compiles the province's report by this (the plan: 17:00 Friday). */
  compile: weeklyDeadline.default({ weekday: 'friday', time: '17:00' }),
  /** Units' final report after the campaign (the plan: 10/01/2024). */
  final_report: onceDeadline.optional(),
  /** The compiled final report (the plan: 20/01/2024). */
  final_compile: onceDeadline.optional(),
});

const period = z.strictObject({ from: clockTime, to: clockTime });

export const CampaignDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: 'use lower-case letters, digits and "-"' }),
    /** The plan's reference, e.g. "KH 7386/KH-UBND"; shown as is. */
    reference: z.string().min(1).optional(),
    /** The unit whose tree the campaign covers (the province). */
    root: z.string().regex(UNIT_CODE, { error: 'expected a unit code such as BT' }),
    starts_on: day,
    ends_on: day,
    // prefault: the defaults go through the schema, so they become ratios like explicit targets.
    targets: TargetsSchema.prefault({}),
    /** The unit that compiles the province's report (the plan: Sở TT&TT). */
    compiled_by: z.string().regex(UNIT_CODE).optional(),
    deadlines: DeadlinesSchema.default({
      weekly_report: { weekday: 'friday', time: '10:00' },
      compile: { weekday: 'friday', time: '17:00' },
    }),
    /**
     * The days each weekly report covers: `days` days ending `ends_days_before_deadline`
     * days before the deadline's day. The default, for a Friday 10:00 deadline, is Friday to
     * Thursday: a period never ends after its own deadline.
     */
    report_period: z
      .strictObject({
        days: z.int({ error: 'expected whole days, e.g. 7' }).min(1).max(31).default(7),
        ends_days_before_deadline: z.int({ error: 'expected whole days, e.g. 1 for the day before' }).min(0).max(14).default(1),
      })
      .default({ days: 7, ends_days_before_deadline: 1 }),
    /** Nothing is sent on the bot's own initiative in these hours (may cross midnight). */
    quiet_hours: period.default({ from: '21:00', to: '07:00' }),
    /** When officials and community teams are expected to answer. */
    office_hours: z.strictObject({ days: z.array(weekday).min(1), periods: z.array(period).min(1) }).default({
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      periods: [
        { from: '07:00', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
    }),
    /** Who is reminded of which deadline, and when; absent means the default rules. */
    reminders: ReminderRulesSchema.optional(),
  })
  .refine((c) => c.starts_on <= c.ends_on, { error: 'ends_on must not be before starts_on', path: ['ends_on'] });

export type CampaignDefinitionInput = z.input<typeof CampaignDefinitionSchema>;
export type CampaignDefinition = z.output<typeof CampaignDefinitionSchema>;
export type Targets = CampaignDefinition['targets'];
