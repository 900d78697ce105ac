// Downloads: the compiled workbook (the same file as /tonghop xuat) for any period of the
// campaign that has begun, newest first, for a unit the person may export.
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { finalPeriodOf, periodForDeadlineDay, type ReportingPeriod, reportingWeeks } from '../../campaign/reports/week.js';
import { periodText } from '../../campaign/reports/reportText.js';
import { exportFileName, reportWorkbook } from '../../campaign/reports/workbook.js';
import { provinceDay } from '../../campaign/weeks.js';
import { WEB_PATHS } from '../paths.js';
import type { PageOutcome } from './overview.js';

export interface DownloadsData {
  code: string;
  unitName: string;
  files: { label: string; href: string; filename: string }[];
}

/** A period in an address: `weekly-2023-12-08` or `final-2024-01-05`. */
export function periodKey(period: Pick<ReportingPeriod, 'kind' | 'deadlineDay'>): string {
  return `${period.kind}-${period.deadlineDay}`;
}

export async function downloadsData(store: Store, tr: Translator, code: string, now: Date): Promise<PageOutcome<DownloadsData>> {
  const unit = await store.units.getUnit(code);
  if (!unit) return { status: 'noUnit' };
  const today = provinceDay(now);
  const definition = await store.campaigns.campaignFor(code, today);
  if (!definition) return { status: 'noCampaign', unitName: unit.name };
  const periods: ReportingPeriod[] = reportingWeeks(definition)
    // A period's file once its days are over: before, no unit could have reported on it.
    .filter((w) => w.to < today)
    .map((w) => ({ kind: 'weekly' as const, ...w }));
  const final = finalPeriodOf(definition);
  if (final && today > definition.ends_on) periods.push(final);
  return {
    status: 'ok',
    data: {
      code,
      unitName: unit.name,
      files: periods.reverse().map((p) => ({
        label: periodText(tr, p),
        href: WEB_PATHS.workbook(code, periodKey(p)),
        filename: exportFileName(code, p),
      })),
    },
  };
}

/** The workbook of one period, or undefined when the address names no period of the unit's campaign. */
export async function workbookFile(
  store: Store,
  tr: Translator,
  code: string,
  key: string,
  now: Date,
): Promise<{ filename: string; bytes: Uint8Array; period: ReportingPeriod } | undefined> {
  const match = /^(weekly|final)-(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!match) return undefined;
  const definition = await store.campaigns.campaignFor(code, provinceDay(now));
  const period = definition && periodForDeadlineDay(definition, match[1] as 'weekly' | 'final', match[2]!);
  if (!period || period.to >= provinceDay(now)) return undefined;
  return { filename: exportFileName(code, period), bytes: await reportWorkbook(store, tr, code, period, now), period };
}
