// The compiled view of a period under a unit (the province for the compiler, a district
// for its head): who filed on time, late or not at all, the totals and rates for the
// period, since the campaign began (the system's figures, as /tiendo shows them, and the
// units' own filed reports beside them), and the difficulties each unit raised.
import type { Store } from '../../store/index.js';
import type { Counts } from '../kpi.js';
import { sumCounts } from '../kpi.js';
import type { CampaignDefinition } from '../definition/schema.js';
import { countsOf } from './figures.js';
import { type HelpTotals } from './rollUp.js';
import type { UnitFiling } from './status.js';
import type { ReportingPeriod } from './week.js';
import { provinceDay, weekStartOf } from '../weeks.js';
import { campaignToDate, type CampaignToDate } from '../progress/campaignToDate.js';

export interface Compilation {
  rootCode: string;
  period: ReportingPeriod;
  filings: UnitFiling[];
  periodTotals: { counts: Counts; help: HelpTotals };
  /** Since the campaign began, from the provincial system: the same figure /tiendo shows. */
  toDate: CampaignToDate;
  /** The units' own filed weekly reports from the first week to this one (for a final report: the final reports). */
  cumulative: Counts;
  /** Units that wrote difficulties or proposals, in tree order. */
  remarks: { unitCode: string; unitName: string; difficulties: string; proposals: string }[];
}

/** `asOf`: the last day counted since the campaign began (today for the current period, as /tiendo). */
export async function compile(
  store: Store,
  definition: CampaignDefinition,
  rootCode: string,
  period: ReportingPeriod,
  asOf: string = period.to,
): Promise<Compilation> {
  const filings = await store.reports.filingsUnder(rootCode, period.kind, period.deadlineDay);
  const reports = filings.flatMap((f) => (f.report ? [f.report] : []));
  const inTree = new Set(filings.map((f) => f.unit.code));
  const cumulative =
    period.kind === 'final'
      ? sumCounts(reports.map((r) => countsOf(r.latest.figures)))
      : sumCounts(
          (await store.reports.weeklyReportsBetween('0000-01-01', period.deadlineDay))
            .filter((r) => inTree.has(r.unitCode) && r.deadlineDay >= weekFloor(definition))
            .map((r) => countsOf(r.latest.figures)),
        );
  return {
    rootCode,
    period,
    filings,
    toDate: await campaignToDate(store, definition, rootCode, asOf),
    periodTotals: {
      counts: sumCounts(reports.map((r) => countsOf(r.latest.figures))),
      help: {
        accountsHelped: reports.reduce((s, r) => s + r.latest.figures.accountsHelped, 0),
        paymentsHelped: reports.reduce((s, r) => s + r.latest.figures.paymentsHelped, 0),
      },
    },
    cumulative,
    remarks: filings
      .filter((f) => f.report && (f.report.latest.figures.difficulties || f.report.latest.figures.proposals))
      .map((f) => ({
        unitCode: f.unit.code,
        unitName: f.unit.name,
        difficulties: f.report!.latest.figures.difficulties,
        proposals: f.report!.latest.figures.proposals,
      })),
  };
}

/**
 * The last day "since the start of the campaign" counts for a period seen at `moment`:
 * today while the period is open (as /tiendo counts), its last day once it is closed.
 */
export function toDateAsOf(period: ReportingPeriod, moment: Date): string {
  return moment <= period.compileDeadline ? provinceDay(moment) : period.to;
}

/** Weekly reports of this campaign only: none filed before its first week. */
function weekFloor(definition: CampaignDefinition): string {
  return weekStartOf(definition.starts_on);
}
