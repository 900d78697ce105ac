// /tonghop [CODE] — who has reported for the current period under a unit (the province for
// the compiler, a district for its head), totals and rates, difficulties by unit.
// /tonghop nhac CODE — remind the units that have not reported; /tonghop xuat CODE — the
// Excel file. Who may do which is decided by access.ts.
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Texts } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { type Action, can } from '../access.js';
import type { CampaignDefinition } from '../definition/schema.js';
import type { PersonRole } from '../roles/types.js';
import { provinceDay } from '../weeks.js';
import { type Counts, fractionOf, RATE_NAMES } from '../kpi.js';
import { compile, type Compilation, toDateAsOf } from './compilation.js';
import { remindMissing } from './remind.js';
import { remindAnswer } from './remindAnswer.js';
import { periodText, rateLines } from './reportText.js';
import type { UnitFiling } from './status.js';
import { reportingPeriodOf, type ReportingPeriod } from './week.js';
import { exportFileName, reportWorkbook } from './workbook.js';

/** Names listed per group before "and N more". */
const LIST_LIMIT = 30;

interface TonghopDeps {
  store: Store;
  texts: Pick<Texts, 'for'>;
}

/** The unit /tonghop shows without a code: the campaign's root for compilers, else the highest unit held. */
async function homeUnit(store: Store, roles: readonly PersonRole[]): Promise<string | undefined> {
  const wide = roles.find((r) => r.role === 'compiler' || r.role === 'admin');
  if (wide) return (await store.units.ancestorCodes(wide.unitCode))[0] ?? wide.unitCode;
  const depths = new Map<string, number>();
  for (const code of new Set(roles.map((r) => r.unitCode))) depths.set(code, (await store.units.ancestorCodes(code)).length);
  return [...roles].sort((a, b) => depths.get(a.unitCode)! - depths.get(b.unitCode)!)[0]?.unitCode;
}

function namesText(ctx: CommandContext, filings: readonly UnitFiling[]): string {
  const names = filings.slice(0, LIST_LIMIT).map((f) => f.unit.name);
  const more = filings.length - names.length;
  return more > 0 ? ctx.tr.t('reports:tonghop.andMore', { names: names.join(', '), more }) : names.join(', ');
}

/** Missing units grouped under their parents, so a district sees its own communes together. */
async function missingText(ctx: CommandContext, store: Store, missing: readonly UnitFiling[]): Promise<string> {
  const groups = new Map<string, UnitFiling[]>();
  for (const f of missing) groups.set(f.unit.parentCode ?? '', [...(groups.get(f.unit.parentCode ?? '') ?? []), f]);
  const lines: string[] = [];
  for (const [parent, list] of groups)
    lines.push(
      ctx.tr.t('reports:tonghop.group', {
        parent: (await store.units.getUnit(parent))?.name ?? '—',
        count: list.length,
        names: namesText(ctx, list),
      }),
    );
  return lines.join('\n');
}

async function overview(ctx: CommandContext, store: Store, c: Compilation, rootName: string): Promise<Reply[]> {
  const onTime = c.filings.filter((f) => f.state === 'onTime');
  const late = c.filings.filter((f) => f.state === 'late');
  const missing = c.filings.filter((f) => f.state === 'missing');
  const status = [
    ctx.tr.t('reports:tonghop.heading', { unit: rootName, period: periodText(ctx.tr, c.period) }),
    ctx.tr.t('reports:tonghop.deadlines', {
      deadline: ctx.tr.fmt.dateTime(c.period.deadline),
      compileDeadline: ctx.tr.fmt.dateTime(c.period.compileDeadline),
    }),
    ctx.tr.t('reports:tonghop.counts', {
      filed: onTime.length + late.length,
      total: c.filings.length,
      onTime: onTime.length,
      late: late.length,
      missing: missing.length,
    }),
  ];
  if (late.length) status.push(ctx.tr.t('reports:tonghop.lateList', { names: namesText(ctx, late) }));
  if (missing.length) status.push(ctx.tr.t('reports:tonghop.missingList'), await missingText(ctx, store, missing));
  const t = c.periodTotals;
  const totals = [
    ctx.tr.t('reports:tonghop.totalsHeading', { filed: onTime.length + late.length }),
    ctx.tr.t('reports:tonghop.totals', {
      received: ctx.tr.fmt.count(t.counts.receivedTotal),
      online: ctx.tr.fmt.count(t.counts.receivedOnline),
      digitized: ctx.tr.fmt.count(t.counts.digitized),
      fees: ctx.tr.fmt.count(t.counts.feeDossiers),
      paid: ctx.tr.fmt.count(t.counts.paidOnline),
      accounts: ctx.tr.fmt.count(t.help.accountsHelped),
      payments: ctx.tr.fmt.count(t.help.paymentsHelped),
    }),
    ...rateLines(ctx.tr, t.counts),
  ];
  // Since the start: the system's figures first (the same as /tiendo), then the units' own
  // filed reports, labelled, when they say something different.
  const until = c.toDate.dataUntil ? ctx.tr.fmt.day(c.toDate.dataUntil) : undefined;
  totals.push(
    until ? ctx.tr.t('reports:tonghop.toDateHeading', { until }) : ctx.tr.t('reports:tonghop.toDateNoData'),
    ...(until ? rateLines(ctx.tr, c.toDate.total) : []),
  );
  if (c.period.kind === 'weekly' && !sameRates(c.cumulative, c.toDate.total))
    totals.push(ctx.tr.t('reports:tonghop.filedToDateHeading'), ...rateLines(ctx.tr, c.cumulative));
  const remarks = c.remarks.length
    ? [ctx.tr.t('reports:tonghop.remarksHeading'), ...c.remarks.map((r) => remarkText(ctx, r))]
    : [ctx.tr.t('reports:tonghop.noRemarks')];
  return [{ text: status.join('\n') }, { text: totals.join('\n') }, { text: remarks.join('\n') }];
}

function sameRates(a: Counts, b: Counts): boolean {
  return RATE_NAMES.every((name) => fractionOf(a, name).rate === fractionOf(b, name).rate);
}

function remarkText(ctx: CommandContext, r: Compilation['remarks'][number]): string {
  const parts = [ctx.tr.t('reports:tonghop.remarkUnit', { unit: r.unitName })];
  if (r.difficulties) parts.push(ctx.tr.t('reports:tonghop.difficulty', { text: r.difficulties }));
  if (r.proposals) parts.push(ctx.tr.t('reports:tonghop.proposal', { text: r.proposals }));
  return parts.join('\n');
}

/**
 * A unit typed by code, or by a name (diacritics optional) that matches exactly one unit
 * with units below it: "ba tri" is the district, not the town of the same name.
 */
async function unitCodeFor(store: Pick<Store, 'units'>, typed: string): Promise<string | undefined> {
  const byCode = await store.units.getUnit(typed.toUpperCase());
  if (byCode) return byCode.code;
  const found: string[] = [];
  for (const u of await store.units.findUnitsByName(typed, { limit: 20 }))
    if ((await store.units.childrenOf(u.code)).length > 0) found.push(u.code);
  return found.length === 1 ? found[0] : undefined;
}

export function tonghop({ store, texts }: TonghopDeps) {
  const relationOf = (from: string, to: string) => store.units.relationOf(from, to);
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const roles = await store.roles.rolesOf(ctx.person.id);
    const [first = ''] = ctx.args.split(/\s+/);
    const verb = ['nhac', 'xuat'].includes(first.toLowerCase()) ? first.toLowerCase() : '';
    const typed = ctx.args
      .split(/\s+/)
      .slice(verb ? 1 : 0)
      .join(' ')
      .trim();
    const code = typed ? await unitCodeFor(store, typed) : await homeUnit(store, roles);
    if (typed && !code) return [{ text: ctx.tr.t('reports:tonghop.notFound', { name: typed }) }];
    const action: Action = verb === 'xuat' ? 'report.export' : verb === 'nhac' ? 'report.remind' : 'report.status';
    if (!code || !(await can(roles, action, code, relationOf))) return [{ text: ctx.tr.t('reports:tonghop.denied') }];
    const unit = await store.units.getUnit(code);
    if (!unit) return [{ text: ctx.tr.t('reports:tonghop.denied') }];
    const definition: CampaignDefinition | undefined = await store.campaigns.campaignFor(code, provinceDay(ctx.now));
    const period: ReportingPeriod | undefined = definition && reportingPeriodOf(definition, ctx.now);
    if (!definition || !period) return [{ text: ctx.tr.t('reports:tonghop.noPeriod', { unit: unit.name }) }];
    // The current period counts "since the start" up to today, exactly as /tiendo does.
    const compilation = await compile(store, definition, code, period, toDateAsOf(period, ctx.now));
    const missing = compilation.filings.filter((f) => f.state === 'missing' && f.unit.code !== code);

    if (verb === 'nhac') {
      if (missing.length === 0) return [{ text: ctx.tr.t('reports:tonghop.nobodyMissing') }];
      const outcome = await remindMissing(store, texts, period, missing, ctx.now, definition.quiet_hours, {
        actorId: ctx.person.id,
        unitCode: code,
        from: 'chat',
      });
      return [{ text: await remindAnswer(ctx.tr, store, outcome, ctx.now, definition.quiet_hours) }];
    }
    if (verb === 'xuat') {
      if (!ctx.capabilities.documents) return [{ text: ctx.tr.t('reports:tonghop.noDocuments') }];
      const bytes = await reportWorkbook(store, ctx.tr, code, period, ctx.now);
      await store.audit.record({
        actorId: ctx.person.id,
        action: 'report.exported',
        unitCode: code,
        subject: `${period.kind}:${period.deadlineDay}`,
        details: { from: 'chat', units: compilation.filings.length, filed: compilation.filings.length - missing.length },
        at: ctx.now,
      });
      const filename = exportFileName(code, period);
      return [
        {
          text: ctx.tr.t('reports:tonghop.exported', { filename }),
          document: {
            filename,
            bytes,
            caption: ctx.tr.t('reports:tonghop.caption', { unit: unit.name, period: periodText(ctx.tr, period) }),
          },
        },
      ];
    }
    const replies = await overview(ctx, store, compilation, unit.name);
    const choices = [];
    if (missing.length && (await can(roles, 'report.remind', code, relationOf)))
      choices.push({ id: `/tonghop nhac ${code}`, label: ctx.tr.t('reports:tonghop.remindButton', { count: missing.length }) });
    if (ctx.capabilities.documents && (await can(roles, 'report.export', code, relationOf)))
      choices.push({ id: `/tonghop xuat ${code}`, label: ctx.tr.t('reports:tonghop.exportButton') });
    if (choices.length) replies[replies.length - 1] = { ...replies[replies.length - 1]!, choices };
    return replies;
  };
}
