// The reporting board for the current period: every unit that must report under a unit,
// filed on time, late or missing, when and by which role (never a name), the difficulties
// and proposals they wrote; and "remind the missing units", which queues exactly what the
// chat's /tonghop nhac queues (same permission, quiet hours and pacing by the outbox).
import type { Translator } from '../../i18n/index.js';
import type { Texts } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { compile, toDateAsOf } from '../../campaign/reports/compilation.js';
import { reportingPeriodOf, type ReportingPeriod } from '../../campaign/reports/week.js';
import { periodText } from '../../campaign/reports/reportText.js';
import { remindMissing } from '../../campaign/reports/remind.js';
import { remindAnswer } from '../../campaign/reports/remindAnswer.js';
import { parentNamesOf } from '../../campaign/reports/parentNames.js';
import type { CampaignDefinition } from '../../campaign/definition/schema.js';
import type { FilingState } from '../../campaign/reports/status.js';
import { compareUnitNames } from '../../campaign/units/nameOrder.js';
import { provinceDay } from '../../campaign/weeks.js';
import type { PageOutcome } from './overview.js';

export interface BoardRow {
  code: string;
  name: string;
  parentName: string;
  state: FilingState;
  stateLabel: string;
  filedAt: string;
  filedBy: string;
  difficulties: string;
  proposals: string;
}

export interface BoardData {
  code: string;
  unitName: string;
  period: string;
  deadline: string;
  compileDeadline: string;
  counts: { total: number; onTime: number; late: number; missing: number };
  rows: BoardRow[];
  /** Only units in this state are listed (the counts stay whole). */
  state?: FilingState;
  canRemind: boolean;
}

const STATE_ORDER: Record<FilingState, number> = { missing: 0, late: 1, onTime: 2 };

async function currentPeriod(
  store: Store,
  code: string,
  now: Date,
): Promise<{ definition: CampaignDefinition; period: ReportingPeriod } | undefined> {
  const definition = await store.campaigns.campaignFor(code, provinceDay(now));
  const period = definition && reportingPeriodOf(definition, now);
  return definition && period ? { definition, period } : undefined;
}

export async function boardData(
  store: Store,
  tr: Translator,
  code: string,
  now: Date,
  canRemind: boolean,
  state?: FilingState,
): Promise<PageOutcome<BoardData>> {
  const unit = await store.units.getUnit(code);
  if (!unit) return { status: 'noUnit' };
  const current = await currentPeriod(store, code, now);
  if (!current) return { status: 'noCampaign', unitName: unit.name };
  const { definition, period } = current;
  const c = await compile(store, definition, code, period, toDateAsOf(period, now));
  const filings = c.filings.filter((f) => f.unit.code !== code);
  // Who filed, as the role they hold on that unit: one query for the whole tree.
  const rolesByPerson = await store.roles.rolesUnder(code);
  // From the whole compilation: the unit itself, parent of the first level, is one of its rows.
  const parentNames = await parentNamesOf(
    store,
    c.filings.map((f) => f.unit),
  );
  const rows = filings.map((f): BoardRow => {
    const latest = f.report?.latest;
    const role = latest?.submittedBy
      ? rolesByPerson.get(latest.submittedBy)?.find((r) => r.unitCode === f.unit.code)?.role
      : undefined;
    return {
      code: f.unit.code,
      name: f.unit.name,
      parentName: parentNames.get(f.unit.parentCode ?? '') ?? '',
      state: f.state,
      stateLabel: tr.t(`web:board.state.${f.state}`),
      filedAt: f.report ? tr.fmt.dateTime(new Date(f.report.firstSubmittedAt)) : '',
      filedBy: f.report ? (role ? tr.t(`campaign:roles.${role}`) : tr.t('web:board.formerOfficial')) : '',
      difficulties: latest?.figures.difficulties ?? '',
      proposals: latest?.figures.proposals ?? '',
    };
  });
  // Missing first, then late: the clerk's Friday list; names in Vietnamese order within each.
  rows.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      compareUnitNames(a.parentName, b.parentName) ||
      compareUnitNames(a.name, b.name),
  );
  const count = (state: FilingState) => rows.filter((r) => r.state === state).length;
  return {
    status: 'ok',
    data: {
      code,
      unitName: unit.name,
      period: periodText(tr, period),
      deadline: tr.fmt.dateTime(period.deadline),
      compileDeadline: tr.fmt.dateTime(period.compileDeadline),
      counts: { total: rows.length, onTime: count('onTime'), late: count('late'), missing: count('missing') },
      rows: state ? rows.filter((r) => r.state === state) : rows,
      ...(state ? { state } : {}),
      canRemind: canRemind && count('missing') > 0,
    },
  };
}

/** Queues the reminders and says, in the viewer's words, what will happen. */
export async function remindFromBoard(
  store: Store,
  texts: Pick<Texts, 'for'>,
  tr: Translator,
  code: string,
  actorId: number,
  now: Date,
): Promise<string> {
  const current = await currentPeriod(store, code, now);
  if (!current) return tr.t('reports:tonghop.noPeriod', { unit: code });
  const { definition, period } = current;
  const c = await compile(store, definition, code, period, toDateAsOf(period, now));
  const missing = c.filings.filter((f) => f.state === 'missing' && f.unit.code !== code);
  if (missing.length === 0) return tr.t('reports:tonghop.nobodyMissing');
  const outcome = await remindMissing(store, texts, period, missing, now, definition.quiet_hours, {
    actorId,
    unitCode: code,
    from: 'web',
  });
  return remindAnswer(tr, store, outcome, now, definition.quiet_hours);
}
