// The public page (PUBLIC_DASHBOARD=true): the province's aggregate rates against the
// targets, and nothing below the province unless PUBLIC_DASHBOARD_UNITS=true. No person,
// no report, no difficulty is ever on it.
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { unitProgress } from '../../campaign/progress/unitProgress.js';
import { worstFirst } from '../../campaign/progress/progressReply.js';
import type { RateName } from '../../campaign/kpi.js';
import { provinceDay } from '../../campaign/weeks.js';
import { rateCells } from './rates.js';
import { progressHeader, type ProgressHeader } from './overview.js';

export interface PublicData {
  header: ProgressHeader;
  units: { name: string; rates: Record<RateName, string> }[];
}

/** The campaign running today (the first, when several are stored), at its root. */
export async function publicData(store: Store, tr: Translator, now: Date, withUnits: boolean): Promise<PublicData | undefined> {
  const today = provinceDay(now);
  const { campaigns } = await store.campaigns.storedCampaigns();
  const running = campaigns.find((c) => c.starts_on <= today) ?? campaigns[0];
  if (!running) return undefined;
  const lookup = await unitProgress(store, running.root, today);
  if (lookup.status !== 'ok') return undefined;
  const p = lookup.progress;
  const header = progressHeader(tr, p, today);
  return {
    // Ranks compare the province with others: not this page's business.
    header: { ...header, toDate: header.toDate.map((r) => ({ ...r, rank: '' })) },
    units: withUnits
      ? worstFirst(p.children).map((c) => ({
          name: c.unit.name,
          rates: rateCells(tr, c.counts),
        }))
      : [],
  };
}
