// Everything /tiendo shows about one unit, gathered with a handful of aggregate queries
// over the subtree roll-up, never one query per child: the unit's weekly counts since the
// campaign started, its rank among units of the same kind under the same parent, and its
// children.
import type { Store } from '../../store/index.js';
import type { CampaignDefinition } from '../definition/schema.js';
import { type Counts, RATE_NAMES, type RateName, fractionOf, sumCounts } from '../kpi.js';
import type { DayRange, WeeklyCounts } from '../statistics/types.js';
import { campaignToDate } from './campaignToDate.js';
import type { Unit } from '../units/types.js';

export interface Rank {
  position: number;
  of: number;
}

export interface ChildFigures {
  unit: Pick<Unit, 'code' | 'name'>;
  counts: Counts;
}

export interface UnitProgress {
  unit: Unit;
  parent?: Unit;
  campaign: CampaignDefinition;
  /** Rows counted: those whose last day lies in this range. */
  range: DayRange;
  /** The last day any counted row covers; undefined when there are none. */
  dataUntil?: string;
  weekly: WeeklyCounts[];
  /** Since the campaign started, up to dataUntil. */
  total: Counts;
  /** The same, without the latest week: what last week's /tiendo showed. */
  previous?: Counts;
  ranks: Partial<Record<RateName, Rank>>;
  /** In no set order: the reply orders them (worstFirst). */
  children: ChildFigures[];
  /** Counts recorded for the unit itself (a district's own one-stop shop), beside its children's. */
  own: Counts;
}

export type ProgressLookup =
  { status: 'ok'; progress: UnitProgress } | { status: 'noUnit' } | { status: 'noCampaign'; unit: Unit };

export function rankAmong(unitCode: string, peers: ReadonlyMap<string, Counts>, name: RateName): Rank | undefined {
  const own = peers.get(unitCode);
  if (!own) return undefined;
  const rate = fractionOf(own, name).rate;
  if (rate === undefined) return undefined;
  let position = 1;
  for (const [code, counts] of peers) {
    const other = fractionOf(counts, name).rate;
    if (code !== unitCode && other !== undefined && other > rate) position++;
  }
  return { position, of: peers.size };
}

/** What /tiendo reads: the unit tree, the campaigns and the statistics roll-up. */
export type ProgressStore = Pick<Store, 'units' | 'campaigns' | 'statistics'>;

/**
 * `children: false` leaves the children out (the dashboard lists the units below itself);
 * `own` is then the whole subtree's counts.
 */
export async function unitProgress(
  store: ProgressStore,
  unitCode: string,
  today: string,
  options: { children?: boolean } = {},
): Promise<ProgressLookup> {
  const unit = await store.units.getUnit(unitCode);
  if (!unit) return { status: 'noUnit' };
  const campaign = await store.campaigns.campaignFor(unitCode, today);
  if (!campaign) return { status: 'noCampaign', unit };
  const { range, weekly, total, dataUntil } = await campaignToDate(store, campaign, unitCode, today);
  const previous = weekly.length > 1 ? sumCounts(weekly.slice(0, -1).map((w) => w.counts)) : undefined;

  const parent = unit.parentCode ? await store.units.getUnit(unit.parentCode) : undefined;
  const ranks: UnitProgress['ranks'] = {};
  if (parent) {
    const peers = await store.statistics.childCountsUnder(parent.code, range, unit.kind);
    if (peers.size > 1)
      for (const name of RATE_NAMES) {
        const rank = rankAmong(unitCode, peers, name);
        if (rank) ranks[name] = rank;
      }
  }

  const children: ChildFigures[] =
    options.children === false ? [] : await store.statistics.childrenWithCountsUnder(unitCode, range);
  const childSum = sumCounts(children.map((c) => c.counts));
  const own: Counts = {
    receivedTotal: total.receivedTotal - childSum.receivedTotal,
    receivedOnline: total.receivedOnline - childSum.receivedOnline,
    digitized: total.digitized - childSum.digitized,
    feeDossiers: total.feeDossiers - childSum.feeDossiers,
    paidOnline: total.paidOnline - childSum.paidOnline,
  };
  return {
    status: 'ok',
    progress: {
      unit,
      ...(parent ? { parent } : {}),
      campaign,
      range,
      ...(dataUntil ? { dataUntil } : {}),
      weekly,
      total,
      ...(previous ? { previous } : {}),
      ranks,
      children,
      own,
    },
  };
}
