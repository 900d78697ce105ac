// What `report:export` is asked for, parsed with zod: a week (by any day in it, normally
// its deadline day) or the final report, of a campaign's tree or of one unit beneath it.
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import type { CampaignDefinition } from '../definition/schema.js';
import type { Relation } from '../access.js';
import { parseDay, UNIT_CODE } from '../sourceTable/cells.js';
import { weekStartOf, weekEndOf } from '../weeks.js';
import { finalPeriodOf, reportingWeeks, type ReportingPeriod } from './week.js';

export const ExportRequestSchema = z
  .object({
    week: z
      .string()
      .refine((v) => parseDay(v) !== undefined, { error: 'expected --week as YYYY-MM-DD, e.g. 2023-12-08' })
      .transform((v) => parseDay(v)!)
      .optional(),
    final: z.literal('true').optional(),
    out: z.string().regex(/\.xlsx$/i, { error: 'expected --out FILE.xlsx' }),
    unit: z.string().regex(UNIT_CODE, { error: 'expected --unit as a unit code such as BT' }).optional(),
  })
  .refine((r) => (r.week === undefined) !== (r.final === undefined), { error: 'give either --week YYYY-MM-DD or --final' });

export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** Where a unit may lie from a campaign's root for its export: the root itself or beneath it. */
const UNDER: readonly Relation[] = ['own', 'child', 'descendant'];

/** The campaign and period the request names, or why there is none. */
export async function resolveExport(
  store: Pick<Store, 'campaigns' | 'units'>,
  request: ExportRequest,
): Promise<{ definition: CampaignDefinition; period: ReportingPeriod } | { problem: 'noCampaign' | 'noFinal' }> {
  const { campaigns } = await store.campaigns.storedCampaigns();
  for (const definition of campaigns) {
    if (request.unit && !UNDER.includes(await store.units.relationOf(definition.root, request.unit))) continue;
    if (request.final) {
      const final = finalPeriodOf(definition);
      if (final) return { definition, period: final };
      continue;
    }
    const week = reportingWeeks(definition).find(
      (w) => weekStartOf(w.deadlineDay) <= request.week! && weekEndOf(w.deadlineDay) >= request.week!,
    );
    if (week) return { definition, period: { kind: 'weekly', ...week } };
  }
  return { problem: request.final ? 'noFinal' : 'noCampaign' };
}
