// The overview of a unit (the province by default): its three rates against the targets,
// since the campaign began and in the latest period, the trend by real dates, the units
// below in a table, and the community teams' household coverage and help requests.
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { type UnitProgress, unitProgress } from '../../campaign/progress/unitProgress.js';
import { progressChart } from '../../campaign/progress/tiendoCommand.js';
import { communityProgressLines } from '../../community/progressSection.js';
import { provinceDay } from '../../campaign/weeks.js';
import { UNIT_KINDS } from '../../campaign/units/types.js';
import { compareUnitNames } from '../../campaign/units/nameOrder.js';
import { STALE_AFTER_DAYS } from '../../campaign/progress/progressReply.js';
import { rateViews, type RateView } from './rates.js';
import { type TableQuery, tableSearch, unitTable, type UnitTableView } from './unitTable.js';
import { WEB_PATHS } from '../paths.js';

export interface ProgressHeader {
  unitName: string;
  parentName?: string;
  /** "from 01/10/2023 to 08/12/2023". */
  period: string;
  stale: string;
  noData: boolean;
  toDate: RateView[];
  /** The latest reporting period alone; `short` names it beside each rate on the wall screen. */
  latest?: { label: string; short: string; rates: RateView[] };
  chartSvg?: string;
  chartLabel: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the top of both the overview and the unit page shows. */
export function progressHeader(tr: Translator, p: UnitProgress, today: string): ProgressHeader {
  // The period in progress has a day or two of figures: the latest whole one says more.
  const latest = [...p.weekly].reverse().find((w) => w.lastDay === w.weekEnd) ?? p.weekly.at(-1);
  const from = tr.fmt.day(p.range.from);
  return {
    unitName: p.unit.name,
    ...(p.parent ? { parentName: p.parent.name } : {}),
    period: p.dataUntil
      ? tr.t('web:overview.period', { from, until: tr.fmt.day(p.dataUntil) })
      : tr.t('campaign:progress.noData', { from }),
    stale:
      p.dataUntil && daysBetween(p.dataUntil, today) > STALE_AFTER_DAYS
        ? tr.t('campaign:progress.stale', { days: daysBetween(p.dataUntil, today) })
        : '',
    noData: !p.dataUntil,
    toDate: rateViews(tr, p.total, p.campaign.targets, { ...(p.previous ? { previous: p.previous } : {}), ranks: p.ranks }),
    ...(latest
      ? {
          latest: {
            label: tr.t('web:overview.latestPeriod', { until: tr.fmt.day(latest.lastDay) }),
            short: tr.t('web:overview.latestShort', { until: tr.fmt.day(latest.lastDay) }),
            rates: rateViews(tr, latest.counts, p.campaign.targets),
          },
        }
      : {}),
    ...(p.weekly.length ? { chartSvg: progressChart(tr, p) } : {}),
    chartLabel: tr.t('campaign:chart.caption', { unit: p.unit.name }),
  };
}

/** Rows the wall screen shows: the worst, large enough to read from across a room. */
const WALL_ROWS = 10;

export interface OverviewData {
  code: string;
  wallRows: number;
  header: ProgressHeader;
  table: UnitTableView;
  kinds: { value: string; label: string }[];
  parents: { value: string; label: string }[];
  community: string[];
}

export type PageOutcome<T> = { status: 'ok'; data: T } | { status: 'noUnit' } | { status: 'noCampaign'; unitName: string };

export async function overviewData(
  store: Store,
  tr: Translator,
  code: string,
  query: TableQuery,
  now: Date,
): Promise<PageOutcome<OverviewData>> {
  const today = provinceDay(now);
  // The children come with the table below, not twice.
  const lookup = await unitProgress(store, code, today, { children: false });
  if (lookup.status !== 'ok') return lookup.status === 'noUnit' ? lookup : { status: 'noCampaign', unitName: lookup.unit.name };
  const p = lookup.progress;
  // A parent filter outside this unit's subtree finds nothing (the store keeps to the subtree).
  const rows = await store.statistics.unitsWithCountsUnder(code, p.range, {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.parent ? { parentCode: query.parent } : {}),
  });
  // The parent filter offers the children: the unfiltered table is exactly them.
  const children = query.kind || query.parent ? await store.units.childrenOf(code) : rows.map((r) => r.unit);
  const parents = children.filter((u) => u.kind !== 'team').sort((a, b) => compareUnitNames(a.name, b.name));
  // Only the kinds found below (a two-tier province has no districts); one asked for stays chosen.
  const below = await store.units.kindsBelow(code, p.range.to);
  const kinds = UNIT_KINDS.filter((k) => below.includes(k) || k === query.kind);
  return {
    status: 'ok',
    data: {
      code,
      wallRows: WALL_ROWS,
      header: progressHeader(tr, p, today),
      table: unitTable(tr, rows, p.campaign.targets, query, (q) => `${WEB_PATHS.overview(code)}${tableSearch(q)}`),
      kinds: kinds.map((k) => ({ value: k, label: tr.t(`web:kinds.${k}`) })),
      parents: [{ value: code, label: p.unit.name }, ...parents.map((u) => ({ value: u.code, label: u.name }))],
      // The chat's lines without their heading and bullets: the page has its own.
      community: (await communityProgressLines(store, tr, p.unit, p.range)).slice(1).map((line) => line.replace(/^\s*•\s*/, '')),
    },
  };
}
