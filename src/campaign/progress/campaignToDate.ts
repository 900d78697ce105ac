// "Since the start of the campaign", computed one way for every place that shows it
// (/tiendo, /tonghop, the workbook): the provincial system's counts for the unit's
// subtree, from the campaign's first day up to a day, read from the subtree roll-up.
import type { Store } from '../../store/index.js';
import type { CampaignDefinition } from '../definition/schema.js';
import { type Counts, sumCounts } from '../kpi.js';
import type { DayRange, WeeklyCounts } from '../statistics/types.js';
import { periodEndOf } from '../reports/week.js';

export interface CampaignToDate {
  /** Rows counted: those whose last day lies in this range. */
  range: DayRange;
  /** Per reporting period, in order. */
  weekly: WeeklyCounts[];
  total: Counts;
  /** The last day any counted row covers; undefined when there are none. */
  dataUntil?: string;
}

export async function campaignToDate(
  store: Pick<Store, 'statistics'>,
  campaign: CampaignDefinition,
  unitCode: string,
  asOf: string,
): Promise<CampaignToDate> {
  const range: DayRange = { from: campaign.starts_on, to: campaign.ends_on < asOf ? campaign.ends_on : asOf };
  // Grouped by the campaign's reporting periods, so "this week" is the period /baocao files.
  const weekly = await store.statistics.periodCountsUnder(unitCode, range, (day) => periodEndOf(campaign, day));
  const dataUntil = weekly.at(-1)?.lastDay;
  return { range, weekly, total: sumCounts(weekly.map((w) => w.counts)), ...(dataUntil ? { dataUntil } : {}) };
}
