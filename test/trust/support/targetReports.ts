// A submitted weekly report for each target unit that reports, with a remark and a figure
// found nowhere else, so a reply that leaks the report can be told at a glance.
import { mustReport } from '../../../src/campaign/reports/status.js';
import { reportingPeriodOf } from '../../../src/campaign/reports/week.js';
import { provinceDay } from '../../../src/campaign/weeks.js';
import type { Store } from '../../../src/store/index.js';

export interface TargetReport {
  deadlineDay: string;
  remark: string;
  /** The received total as the bot writes it (vi-VN grouping). */
  figure: string;
}

export async function seedTargetReports(
  store: Pick<Store, 'units' | 'campaigns' | 'reports'>,
  codes: readonly string[],
  personId: number,
  at = new Date('2023-12-08T09:00:00+07:00'),
): Promise<Map<string, TargetReport>> {
  const seeded = new Map<string, TargetReport>();
  for (const [i, code] of codes.entries()) {
    const unit = await store.units.getUnit(code);
    const definition = await store.campaigns.campaignFor(code, provinceDay(at));
    const period = definition && reportingPeriodOf(definition, at);
    if (!unit || !period || !mustReport(unit)) continue;
    const receivedTotal = 97_531 + i * 1_111;
    await store.reports.submitReport({
      unitCode: code,
      period,
      personId,
      at,
      figures: {
        receivedTotal,
        receivedOnline: 40_000,
        digitized: 30_000,
        feeDossiers: 20_000,
        paidOnline: 10_000,
        accountsHelped: 7,
        paymentsHelped: 3,
        difficulties: `Vướng mắc riêng thứ ${'ABCDEFGH'[i]}${'ABCDEFGH'[i]}`,
        proposals: '',
      },
    });
    seeded.set(code, {
      deadlineDay: period.deadlineDay,
      remark: `Vướng mắc riêng thứ ${'ABCDEFGH'[i]}${'ABCDEFGH'[i]}`,
      figure: receivedTotal.toLocaleString('vi-VN'),
    });
  }
  return seeded;
}
