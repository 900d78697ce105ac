// The community lines of /tiendo for a commune and the units above it: household coverage
// against the plan's goal (every household has at least one person with an account), the
// requests for a person (opened, answered, time to first answer, ratings) and how the
// guides ended for people of those communes, over the campaign so far.
import type { Store } from '../store/index.js';
import type { Translator } from '../i18n/index.js';
import type { Unit } from '../campaign/units/types.js';

/** The requests for a person opened under a unit over a range (read by store.community.handoffFiguresUnder). */
export interface HandoffFigures {
  opened: number;
  answered: number;
  /** Mean minutes from opening to the official's first message, over answered requests. */
  meanMinutesToAnswer?: number;
  meanRating?: number;
  ratings: number;
}

function duration(tr: Translator, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole < 60) return tr.t('community:progress.minutes', { minutes: whole });
  return tr.t('community:progress.hoursMinutes', { hours: Math.floor(whole / 60), minutes: whole % 60 });
}

/** One decimal, the reader's way: `4,5`. */
function oneDecimal(tr: Translator, value: number): string {
  return tr.fmt.percent(value / 100).replace(/\s*%$/, '');
}

export async function communityProgressLines(
  store: Pick<Store, 'households' | 'community' | 'guideOutcomes'>,
  tr: Translator,
  unit: Pick<Unit, 'code' | 'kind'>,
  range: { from: string; to: string },
): Promise<string[]> {
  if (unit.kind === 'department' || unit.kind === 'team') return [];
  const lines = [tr.t('community:progress.heading')];

  const coverage = await store.households.totalsUnder(unit.code);
  if (coverage.visited === 0) lines.push(tr.t('community:progress.householdsNone'));
  else {
    lines.push(
      tr.t('community:progress.households', {
        withAccount: tr.fmt.count(coverage.withAccount),
        visited: tr.fmt.count(coverage.visited),
        percent: tr.fmt.percent(coverage.withAccount / coverage.visited),
      }),
    );
    if (unit.kind !== 'commune')
      lines.push(
        tr.t('community:progress.communesRecorded', {
          recorded: tr.fmt.count(coverage.communesRecorded),
          of: tr.fmt.count(coverage.communes),
        }),
      );
  }

  const handoff = await store.community.handoffFiguresUnder(unit.code, range);
  if (handoff.opened === 0) lines.push(tr.t('community:progress.requestsNone'));
  else {
    const details = [
      tr.t('community:progress.requests', { opened: tr.fmt.count(handoff.opened), answered: tr.fmt.count(handoff.answered) }),
    ];
    if (handoff.meanMinutesToAnswer !== undefined)
      details.push(tr.t('community:progress.wait', { duration: duration(tr, handoff.meanMinutesToAnswer) }));
    if (handoff.meanRating !== undefined)
      details.push(
        tr.t('community:progress.rating', { rating: oneDecimal(tr, handoff.meanRating), count: tr.fmt.count(handoff.ratings) }),
      );
    lines.push(details.join('; '));
  }

  const outcomes = await store.guideOutcomes.guideOutcomeTotalsUnder(unit.code, range);
  if (outcomes.worked + outcomes.stuck + outcomes.gave_up > 0)
    lines.push(
      tr.t('community:progress.guides', {
        worked: tr.fmt.count(outcomes.worked),
        stuck: tr.fmt.count(outcomes.stuck),
        gaveUp: tr.fmt.count(outcomes.gave_up),
      }),
    );
  return lines;
}
