// The campaign definition: what is measured against what, and when. Written in YAML by
// administrators, checked here, stored as JSON so later sections (deadlines, reminder
// rules) can be added to this schema without a migration.
import { z } from 'zod';
import { parseDay, UNIT_CODE } from '../sourceTable/cells.js';

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
  online: percentTarget.default(50),
  payment: percentTarget.default(30),
  digitization: percentTarget.default(100),
});

export const CampaignDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: 'use lower-case letters, digits and "-"' }),
    /** The plan's reference, e.g. "KH 7386/KH-UBND"; shown as is. */
    reference: z.string().min(1).optional(),
    /** The unit whose tree the campaign covers (the province). */
    root: z.string().regex(UNIT_CODE, { error: 'expected a unit code such as BT' }),
    starts_on: day,
    ends_on: day,
    targets: TargetsSchema.default({ online: 50, payment: 30, digitization: 100 }),
    /** The unit that compiles the province's report (the plan: Sở TT&TT). */
    compiled_by: z.string().regex(UNIT_CODE).optional(),
  })
  .refine((c) => c.starts_on <= c.ends_on, { error: 'ends_on must not be before starts_on', path: ['ends_on'] });

export type CampaignDefinitionInput = z.input<typeof CampaignDefinitionSchema>;
export type CampaignDefinition = z.output<typeof CampaignDefinitionSchema>;
export type Targets = CampaignDefinition['targets'];
