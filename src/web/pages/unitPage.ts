// A unit's page: what /tiendo shows (its rates, the change since last week, its rank, the
// units below worst first) and its history week by week, each week on its own and since
// the campaign began.
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { addCounts, type Counts, type RateName, ZERO_COUNTS } from '../../campaign/kpi.js';
import { unitProgress } from '../../campaign/progress/unitProgress.js';
import { worstFirst } from '../../campaign/progress/progressReply.js';
import { provinceDay } from '../../campaign/weeks.js';
import { rateCells } from './rates.js';
import { type PageOutcome, progressHeader, type ProgressHeader } from './overview.js';

type RateCells = Record<RateName, string>;

export interface UnitPageData {
  code: string;
  header: ProgressHeader;
  children: { code: string; name: string; received: string; rates: RateCells }[];
  history: { until: string; received: string; online: string; week: RateCells; toDate: RateCells }[];
}

export async function unitPageData(store: Store, tr: Translator, code: string, now: Date): Promise<PageOutcome<UnitPageData>> {
  const today = provinceDay(now);
  const lookup = await unitProgress(store, code, today);
  if (lookup.status !== 'ok') return lookup.status === 'noUnit' ? lookup : { status: 'noCampaign', unitName: lookup.unit.name };
  const p = lookup.progress;
  let running: Counts = { ...ZERO_COUNTS };
  const history = p.weekly.map((w) => {
    running = addCounts(running, w.counts);
    return {
      // The period still running has only the days so far: said so, not read as a whole week.
      until: w.lastDay < w.weekEnd ? tr.t('web:unit.inProgress', { until: tr.fmt.day(w.lastDay) }) : tr.fmt.day(w.lastDay),
      received: tr.fmt.count(w.counts.receivedTotal),
      online: tr.fmt.count(w.counts.receivedOnline),
      week: rateCells(tr, w.counts),
      toDate: rateCells(tr, running),
    };
  });
  return {
    status: 'ok',
    data: {
      code,
      header: progressHeader(tr, p, today),
      children: worstFirst(p.children).map((c) => ({
        code: c.unit.code,
        name: c.unit.name,
        received: tr.fmt.count(c.counts.receivedTotal),
        rates: rateCells(tr, c.counts),
      })),
      // Newest first: the week a leader asks about is at the top.
      history: history.reverse(),
    },
  };
}
