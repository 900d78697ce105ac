// The /baocao form as flow actions (flows/baocao.yaml): pick the unit and the period,
// offer the system's figures, check each answer as it is typed, keep the draft in the
// store after every answer, and submit a new version of the unit's report.
import type { FlowAction, FlowActionContext, FlowActionResult } from '../../bot/context.js';
import type { Store } from '../../store/index.js';
import { can } from '../access.js';
import type { Unit } from '../units/types.js';
import { addDays, provinceDay } from '../weeks.js';
import {
  COUNT_FIELDS,
  completeFigures,
  type CountField,
  countsOf,
  isReportField,
  isTextField,
  REPORT_FIELDS,
  type ReportAnswers,
  type ReportField,
  type ReportFigures,
} from './figures.js';
import { systemFiguresFor } from './imported.js';
import { childrenText, fieldValueText, figuresText, countsText, periodText } from './reportText.js';
import { childrenRollUp } from './rollUp.js';
import { mustReport } from './status.js';
import type { DraftKey } from './types.js';
import {
  checkBounds,
  isImplausibleJump,
  isKeepWord,
  parseReportCount,
  parseReportText,
  withOutgrownPartsCleared,
} from './validation.js';
import { periodForDeadlineDay, type ReportingPeriod, reportingPeriodOf } from './week.js';

export interface ReportFormDeps {
  store: Store;
}

interface FormScope {
  unit: Unit;
  period: ReportingPeriod;
  key: DraftKey;
}

/** The units a person files for: reporting units on which they hold a filing role. */
export async function filingUnits(store: Pick<Store, 'roles' | 'units'>, personId: number): Promise<Unit[]> {
  const roles = await store.roles.rolesOf(personId);
  const codes = [...new Set(roles.map((r) => r.unitCode))];
  const units: Unit[] = [];
  for (const code of codes) {
    const u = await store.units.getUnit(code);
    if (u && mustReport(u) && (await can(roles, 'report.file', u.code, (a, b) => store.units.relationOf(a, b)))) units.push(u);
  }
  return units;
}

async function scopeOf(store: Pick<Store, 'units' | 'campaigns'>, ctx: FlowActionContext): Promise<FormScope | undefined> {
  const { unit: code, kind, day } = ctx.vars;
  if (!code || !day || (kind !== 'weekly' && kind !== 'final')) return undefined;
  const unit = await store.units.getUnit(code);
  const definition = unit && (await store.campaigns.campaignFor(code, day));
  const period = definition && periodForDeadlineDay(definition, kind, day);
  if (!unit || !period) return undefined;
  return { unit, period, key: { personId: ctx.person.id, unitCode: code, kind: period.kind, deadlineDay: period.deadlineDay } };
}

function filledCount(answers: ReportAnswers): number {
  return REPORT_FIELDS.filter((f) => answers[f] !== undefined).length;
}

/** The same field of the unit's report for the week before, to catch a slipped digit. */
async function lastWeekValue(store: Pick<Store, 'reports'>, scope: FormScope, field: CountField): Promise<number | undefined> {
  if (scope.period.kind !== 'weekly') return undefined;
  const previous = await store.reports.reportOf(scope.unit.code, 'weekly', addDays(scope.period.deadlineDay, -7));
  return previous?.latest.figures[field];
}

export function createReportForm({ store }: ReportFormDeps): Record<string, FlowAction> {
  const reports = store.reports;
  const lost = (): FlowActionResult => ({ outcome: 'lost' });

  /** A fresh draft: the system's figures offered first when it has some. */
  const begin = async (
    ctx: FlowActionContext,
    scope: FormScope,
    vars: Record<string, string> = {},
  ): Promise<FlowActionResult> => {
    await reports.saveDraft(scope.key, {}, ctx.now);
    const system = await systemFiguresFor(store, scope.unit.code, scope.period);
    const day = (d: string) => ctx.tr.fmt.day(d);
    if (!system?.complete) {
      const intro = ctx.tr.t('reports:form.intro', {
        unitName: scope.unit.name,
        period: periodText(ctx.tr, scope.period),
        deadline: ctx.tr.fmt.dateTime(scope.period.deadline),
      });
      // Figures for part of the period are never offered as the period's.
      const partial = system
        ? [ctx.tr.t('reports:form.systemPartial', { until: day(system.coveredUntil), to: day(scope.period.to) })]
        : [];
      return { outcome: 'fresh', vars: { ...vars, suggest: '' }, replies: [{ text: [intro, ...partial].join('\n') }] };
    }
    return {
      outcome: 'imported',
      vars: { ...vars, suggest: '', until: day(system.coveredUntil), importedText: countsText(ctx.tr, system.counts) },
    };
  };

  const question = async (
    ctx: FlowActionContext,
    scope: FormScope,
    field: ReportField,
    answers: ReportAnswers,
  ): Promise<string> => {
    const position = REPORT_FIELDS.indexOf(field) + 1;
    const lines = [
      ctx.tr.t('reports:form.progress', { position, total: REPORT_FIELDS.length }),
      ctx.tr.t(`reports:fields.${field}.question`),
    ];
    const current = answers[field];
    const imported =
      ctx.vars.suggest === '1' && !isTextField(field)
        ? await reports.importedCountsFor(scope.unit.code, scope.period)
        : undefined;
    const offered =
      imported && (COUNT_FIELDS as readonly string[]).includes(field) ? imported[field as keyof typeof imported] : undefined;
    if (current !== undefined) lines.push(ctx.tr.t('reports:form.current', { value: fieldValueText(ctx.tr, field, answers) }));
    else if (offered !== undefined) lines.push(ctx.tr.t('reports:form.offered', { value: ctx.tr.fmt.count(offered) }));
    if (isTextField(field)) lines.push(ctx.tr.t('reports:form.noneHint'));
    return lines.join('\n');
  };

  /** The figure "đúng" keeps: the current answer, else the system's. */
  const keptValue = async (
    scope: FormScope,
    field: ReportField,
    answers: ReportAnswers,
    suggest: boolean,
  ): Promise<number | undefined> => {
    const current = answers[field];
    if (typeof current === 'number') return current;
    if (!suggest || !(COUNT_FIELDS as readonly string[]).includes(field)) return undefined;
    return (await reports.importedCountsFor(scope.unit.code, scope.period))?.[field as (typeof COUNT_FIELDS)[number]];
  };

  const summaryText = async (ctx: FlowActionContext, scope: FormScope, answers: ReportAnswers): Promise<string> => {
    const parts = [
      ctx.tr.t('reports:form.summaryHeading', { unit: scope.unit.name, period: periodText(ctx.tr, scope.period) }),
      figuresText(ctx.tr, answers),
    ];
    const rollUp = await childrenRollUp(store, scope.unit.code, scope.period.kind, scope.period.deadlineDay);
    const figures = completeFigures(answers);
    if (rollUp) parts.push(childrenText(ctx.tr, rollUp, figures ? countsOf(figures) : undefined));
    if (ctx.now > scope.period.deadline)
      parts.push(ctx.tr.t('reports:form.lateNotice', { deadline: ctx.tr.fmt.dateTime(scope.period.deadline) }));
    return parts.join('\n\n');
  };

  /** Says which counts no longer fit under a lowered whole and will be asked again. */
  const outgrownNotice = (ctx: FlowActionContext, field: ReportField, value: number, cleared: readonly ReportField[]) =>
    cleared.length === 0
      ? []
      : [
          {
            text: ctx.tr.t('reports:form.outgrown', {
              label: ctx.tr.t(`reports:fields.${field}.label`),
              value: ctx.tr.fmt.count(value),
              parts: cleared.map((f) => ctx.tr.t(`reports:fields.${f}.label`).toLocaleLowerCase('vi')).join(', '),
            }),
          },
        ];

  const save = async (
    ctx: FlowActionContext,
    scope: FormScope,
    answers: ReportAnswers,
    field: ReportField,
    value: number | string,
  ): Promise<void> => {
    await reports.saveDraft(scope.key, { ...answers, [field]: value }, ctx.now);
  };

  return {
    report_open: async (ctx) => {
      const units = await filingUnits(store, ctx.person.id);
      if (units.length === 0) return { outcome: 'denied' };
      let unit = units.find((u) => u.code === ctx.vars.unit);
      if (!unit && units.length > 1)
        return { outcome: 'picked', options: units.map((u) => ({ value: u.code, label: u.name })), save: 'unit' };
      unit ??= units[0]!;
      const definition = await store.campaigns.campaignFor(unit.code, provinceDay(ctx.now));
      const period = definition && reportingPeriodOf(definition, ctx.now);
      if (!period) return { outcome: 'noPeriod', vars: { unitName: unit.name } };
      const scope: FormScope = {
        unit,
        period,
        key: { personId: ctx.person.id, unitCode: unit.code, kind: period.kind, deadlineDay: period.deadlineDay },
      };
      const vars: Record<string, string> = {
        unit: unit.code,
        unitName: unit.name,
        kind: period.kind,
        day: period.deadlineDay,
        period: periodText(ctx.tr, period),
        deadline: ctx.tr.fmt.dateTime(period.deadline),
        compileDeadline: ctx.tr.fmt.dateTime(period.compileDeadline),
        hasChildren: (await childrenRollUp(store, unit.code, period.kind, period.deadlineDay)) ? '1' : '',
      };
      const draft = await reports.draftOf(scope.key);
      if (draft && filledCount(draft) > 0)
        return { outcome: 'resume', vars: { ...vars, filled: String(filledCount(draft)), total: String(REPORT_FIELDS.length) } };
      const report = await reports.reportOf(unit.code, period.kind, period.deadlineDay);
      if (report) {
        return {
          outcome: 'submitted',
          vars: {
            ...vars,
            submittedAt: ctx.tr.fmt.dateTime(new Date(report.latest.submittedAt)),
            version: String(report.latest.version),
            reportText: figuresText(ctx.tr, report.latest.figures),
          },
        };
      }
      return await begin(ctx, scope, vars);
    },

    report_restart: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      await reports.deleteDraft(scope.key);
      const report = await reports.reportOf(scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (report) {
        await reports.saveDraft(scope.key, { ...report.latest.figures }, ctx.now);
        return { outcome: 'fresh' };
      }
      return await begin(ctx, scope);
    },

    report_correct: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      if (ctx.now > scope.period.compileDeadline) return { outcome: 'closed' };
      const report = await reports.reportOf(scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (!report) return { outcome: 'ok' };
      await reports.saveDraft(scope.key, { ...report.latest.figures }, ctx.now);
      return { outcome: 'ok' };
    },

    report_accept_imported: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      const imported = await reports.importedCountsFor(scope.unit.code, scope.period);
      const answers = (await reports.draftOf(scope.key)) ?? {};
      if (!imported) return { outcome: 'ok' };
      const merged = { ...answers, ...imported };
      const broken = COUNT_FIELDS.map((f) => checkBounds(f, merged[f], merged)).find((v) => v !== undefined);
      if (broken) {
        // The system's own figures do not add up: ask for each one, showing what it holds.
        return { outcome: 'ok', vars: { suggest: '1' }, replies: [{ text: ctx.tr.t('reports:form.importedInconsistent') }] };
      }
      await reports.saveDraft(scope.key, merged, ctx.now);
      return { outcome: 'ok' };
    },

    report_next: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      const field = REPORT_FIELDS.find((f) => answers[f] === undefined);
      if (field) return { outcome: 'ask', vars: { field, question: await question(ctx, scope, field, answers) } };
      return { outcome: 'summary', vars: { summary: await summaryText(ctx, scope, answers) } };
    },

    report_edit: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      const field = ctx.vars.field ?? '';
      if (!scope || !isReportField(field)) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      return { outcome: 'ask', vars: { question: await question(ctx, scope, field, answers) } };
    },

    report_pick_field: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      return {
        outcome: 'picked',
        save: 'field',
        options: REPORT_FIELDS.map((f) => ({
          value: f,
          label: ctx.tr.t('reports:form.fieldOption', {
            label: ctx.tr.t(`reports:fields.${f}.label`),
            value: fieldValueText(ctx.tr, f, answers),
          }),
        })),
      };
    },

    report_check: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      const field = ctx.vars.field ?? '';
      if (!scope || !isReportField(field)) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      const text = ctx.vars.answer ?? '';
      const problem = (key: string, params: Record<string, unknown> = {}): FlowActionResult => ({
        outcome: 'invalid',
        replies: [{ text: ctx.tr.t(`reports:problems.${key}`, { ...params, label: ctx.tr.t(`reports:fields.${field}.label`) }) }],
      });
      if (isTextField(field)) {
        const parsed = parseReportText(text);
        if (!parsed.ok) return problem(parsed.problem);
        await save(ctx, scope, answers, field, parsed.value);
        return { outcome: 'ok' };
      }
      let value: number;
      if (isKeepWord(text)) {
        const kept = await keptValue(scope, field, answers, ctx.vars.suggest === '1');
        if (kept === undefined) return problem('notNumber', { text });
        value = kept;
      } else {
        const parsed = parseReportCount(text);
        if (!parsed.ok) return problem(parsed.problem, { text });
        value = parsed.value;
      }
      const { answers: fitting, cleared } = withOutgrownPartsCleared(field, value, answers);
      const violation = checkBounds(field, value, fitting);
      if (violation)
        return problem(violation.problem, { part: ctx.tr.fmt.count(violation.part), whole: ctx.tr.fmt.count(violation.whole) });
      const lastWeek = await lastWeekValue(store, scope, field);
      if (isImplausibleJump(value, lastWeek)) {
        return {
          outcome: 'jump',
          vars: {
            pending: String(value),
            jump: ctx.tr.t('reports:form.jump', {
              label: ctx.tr.t(`reports:fields.${field}.label`),
              value: ctx.tr.fmt.count(value),
              lastWeek: ctx.tr.fmt.count(lastWeek!),
            }),
          },
        };
      }
      await save(ctx, scope, fitting, field, value);
      return { outcome: 'ok', replies: outgrownNotice(ctx, field, value, cleared) };
    },

    report_keep_jump: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      const field = ctx.vars.field ?? '';
      const value = Number(ctx.vars.pending);
      if (!scope || !isReportField(field) || isTextField(field) || !Number.isSafeInteger(value)) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      // Checked against the bounds when typed; checked again in case another answer changed since.
      const { answers: fitting, cleared } = withOutgrownPartsCleared(field, value, answers);
      const violation = checkBounds(field, value, fitting);
      if (violation) return { outcome: 'ok', vars: { field } };
      await save(ctx, scope, fitting, field, value);
      return { outcome: 'ok', replies: outgrownNotice(ctx, field, value, cleared) };
    },

    report_discard: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (scope) await reports.deleteDraft(scope.key);
      return { outcome: 'ok' };
    },

    report_submit: async (ctx) => {
      const scope = await scopeOf(store, ctx);
      if (!scope) return lost();
      const answers = (await reports.draftOf(scope.key)) ?? {};
      const figures = completeFigures(answers);
      if (!figures) return { outcome: 'incomplete' };
      const broken = COUNT_FIELDS.map((f) => checkBounds(f, figures[f], figures)).find((v) => v !== undefined);
      if (broken) return { outcome: 'incomplete' };
      const existing = await reports.reportOf(scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (existing && ctx.now > scope.period.compileDeadline) return { outcome: 'closed' };
      // Sent again unchanged: a version that differs in nothing would only blur the record.
      if (existing && sameFigures(existing.latest.figures, figures)) {
        await reports.deleteDraft(scope.key);
        const unchanged = [
          ctx.tr.t('reports:form.unchanged', {
            unit: scope.unit.name,
            period: periodText(ctx.tr, scope.period),
            at: ctx.tr.fmt.dateTime(new Date(existing.latest.submittedAt)),
            version: existing.latest.version,
          }),
          ctx.tr.t('reports:form.mayCorrect', { compileDeadline: ctx.tr.fmt.dateTime(scope.period.compileDeadline) }),
        ];
        return { outcome: 'submitted', vars: { done: unchanged.join('\n') } };
      }
      // The version and its audit record ('report.submitted' or 'report.corrected') in one transaction.
      const saved = await reports.submitReport({
        unitCode: scope.unit.code,
        period: scope.period,
        figures,
        personId: ctx.person.id,
        at: ctx.now,
      });
      await reports.deleteDraft(scope.key);
      const lines = [
        ctx.tr.t(saved.corrected ? 'reports:form.corrected' : 'reports:form.submitted', {
          unit: scope.unit.name,
          period: periodText(ctx.tr, scope.period),
          at: ctx.tr.fmt.dateTime(ctx.now),
          version: saved.version,
        }),
      ];
      if (saved.late) lines.push(ctx.tr.t('reports:form.markedLate', { deadline: ctx.tr.fmt.dateTime(scope.period.deadline) }));
      lines.push(ctx.tr.t('reports:form.mayCorrect', { compileDeadline: ctx.tr.fmt.dateTime(scope.period.compileDeadline) }));
      return { outcome: 'submitted', vars: { done: lines.join('\n') } };
    },
  };
}

function sameFigures(a: ReportFigures, b: ReportFigures): boolean {
  return (Object.keys(a) as (keyof ReportFigures)[]).every((key) => a[key] === b[key]);
}
