// The /baocao form as flow actions (flows/baocao.yaml): pick the unit and the period,
// offer the system's figures, check each answer as it is typed, keep the draft in the
// store after every answer, and submit a new version of the unit's report.
import type { FlowAction, FlowActionContext, FlowActionResult } from '../../bot/context.js';
import type { Store } from '../../store/index.js';
import type { Db } from '../../store/database.js';
import { can, relationsFrom } from '../access.js';
import { campaignFor } from '../definition/repository.js';
import { rolesOf } from '../roles/repository.js';
import { getUnit } from '../units/repository.js';
import type { Unit } from '../units/types.js';
import { addDays, provinceDay, dayAsDate } from '../weeks.js';
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
import { importedCountsFor, systemFiguresFor } from './imported.js';
import { deleteDraft, type DraftKey, draftOf, reportOf, saveDraft, submitReport } from './repository.js';
import { childrenText, fieldValueText, figuresText, countsText, periodText } from './reportText.js';
import { childrenRollUp } from './rollUp.js';
import { mustReport } from './status.js';
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
  db: Db;
  store: Store;
}

interface FormScope {
  unit: Unit;
  period: ReportingPeriod;
  key: DraftKey;
}

/** The units a person files for: reporting units on which they hold a filing role. */
export function filingUnits(db: Db, personId: number): Unit[] {
  const roles = rolesOf(db, personId);
  const relationOf = relationsFrom(db);
  const codes = [...new Set(roles.map((r) => r.unitCode))];
  return codes
    .map((code) => getUnit(db, code))
    .filter((u): u is Unit => u !== undefined && mustReport(u) && can(roles, 'report.file', u.code, relationOf));
}

function scopeOf(db: Db, ctx: FlowActionContext): FormScope | undefined {
  const { unit: code, kind, day } = ctx.vars;
  if (!code || !day || (kind !== 'weekly' && kind !== 'final')) return undefined;
  const unit = getUnit(db, code);
  const definition = unit && campaignFor(db, code, day);
  const period = definition && periodForDeadlineDay(definition, kind, day);
  if (!unit || !period) return undefined;
  return { unit, period, key: { personId: ctx.person.id, unitCode: code, kind: period.kind, deadlineDay: period.deadlineDay } };
}

function filledCount(answers: ReportAnswers): number {
  return REPORT_FIELDS.filter((f) => answers[f] !== undefined).length;
}

/** The same field of the unit's report for the week before, to catch a slipped digit. */
function lastWeekValue(db: Db, scope: FormScope, field: CountField): number | undefined {
  if (scope.period.kind !== 'weekly') return undefined;
  const previous = reportOf(db, scope.unit.code, 'weekly', addDays(scope.period.deadlineDay, -7));
  return previous?.latest.figures[field];
}

export function createReportForm({ db, store }: ReportFormDeps): Record<string, FlowAction> {
  const lost = (): FlowActionResult => ({ outcome: 'lost' });

  /** A fresh draft: the system's figures offered first when it has some. */
  const begin = (ctx: FlowActionContext, scope: FormScope, vars: Record<string, string> = {}): FlowActionResult => {
    saveDraft(db, scope.key, {}, ctx.now);
    const system = systemFiguresFor(db, scope.unit.code, scope.period);
    const day = (d: string) => ctx.tr.fmt.date(dayAsDate(d));
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

  const question = (ctx: FlowActionContext, scope: FormScope, field: ReportField, answers: ReportAnswers): string => {
    const position = REPORT_FIELDS.indexOf(field) + 1;
    const lines = [
      ctx.tr.t('reports:form.progress', { position, total: REPORT_FIELDS.length }),
      ctx.tr.t(`reports:fields.${field}.question`),
    ];
    const current = answers[field];
    const imported =
      ctx.vars.suggest === '1' && !isTextField(field) ? importedCountsFor(db, scope.unit.code, scope.period) : undefined;
    const offered =
      imported && (COUNT_FIELDS as readonly string[]).includes(field) ? imported[field as keyof typeof imported] : undefined;
    if (current !== undefined) lines.push(ctx.tr.t('reports:form.current', { value: fieldValueText(ctx.tr, field, answers) }));
    else if (offered !== undefined) lines.push(ctx.tr.t('reports:form.offered', { value: ctx.tr.fmt.count(offered) }));
    if (isTextField(field)) lines.push(ctx.tr.t('reports:form.noneHint'));
    return lines.join('\n');
  };

  /** The figure "đúng" keeps: the current answer, else the system's. */
  const keptValue = (scope: FormScope, field: ReportField, answers: ReportAnswers, suggest: boolean): number | undefined => {
    const current = answers[field];
    if (typeof current === 'number') return current;
    if (!suggest || !(COUNT_FIELDS as readonly string[]).includes(field)) return undefined;
    return importedCountsFor(db, scope.unit.code, scope.period)?.[field as (typeof COUNT_FIELDS)[number]];
  };

  const summaryText = (ctx: FlowActionContext, scope: FormScope, answers: ReportAnswers): string => {
    const parts = [
      ctx.tr.t('reports:form.summaryHeading', { unit: scope.unit.name, period: periodText(ctx.tr, scope.period) }),
      figuresText(ctx.tr, answers),
    ];
    const rollUp = childrenRollUp(db, scope.unit.code, scope.period.kind, scope.period.deadlineDay);
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

  const save = (ctx: FlowActionContext, scope: FormScope, answers: ReportAnswers, field: ReportField, value: number | string) => {
    saveDraft(db, scope.key, { ...answers, [field]: value }, ctx.now);
  };

  return {
    report_open: (ctx) => {
      const units = filingUnits(db, ctx.person.id);
      if (units.length === 0) return { outcome: 'denied' };
      let unit = units.find((u) => u.code === ctx.vars.unit);
      if (!unit && units.length > 1)
        return { outcome: 'picked', options: units.map((u) => ({ value: u.code, label: u.name })), save: 'unit' };
      unit ??= units[0]!;
      const definition = campaignFor(db, unit.code, provinceDay(ctx.now));
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
        hasChildren: childrenRollUp(db, unit.code, period.kind, period.deadlineDay) ? '1' : '',
      };
      const draft = draftOf(db, scope.key);
      if (draft && filledCount(draft) > 0)
        return { outcome: 'resume', vars: { ...vars, filled: String(filledCount(draft)), total: String(REPORT_FIELDS.length) } };
      const report = reportOf(db, unit.code, period.kind, period.deadlineDay);
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
      return begin(ctx, scope, vars);
    },

    report_restart: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      deleteDraft(db, scope.key);
      const report = reportOf(db, scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (report) {
        saveDraft(db, scope.key, { ...report.latest.figures }, ctx.now);
        return { outcome: 'fresh' };
      }
      return begin(ctx, scope);
    },

    report_correct: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      if (ctx.now > scope.period.compileDeadline) return { outcome: 'closed' };
      const report = reportOf(db, scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (!report) return { outcome: 'ok' };
      saveDraft(db, scope.key, { ...report.latest.figures }, ctx.now);
      return { outcome: 'ok' };
    },

    report_accept_imported: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      const imported = importedCountsFor(db, scope.unit.code, scope.period);
      const answers = draftOf(db, scope.key) ?? {};
      if (!imported) return { outcome: 'ok' };
      const merged = { ...answers, ...imported };
      const broken = COUNT_FIELDS.map((f) => checkBounds(f, merged[f], merged)).find((v) => v !== undefined);
      if (broken) {
        // The system's own figures do not add up: ask for each one, showing what it holds.
        return { outcome: 'ok', vars: { suggest: '1' }, replies: [{ text: ctx.tr.t('reports:form.importedInconsistent') }] };
      }
      saveDraft(db, scope.key, merged, ctx.now);
      return { outcome: 'ok' };
    },

    report_next: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      const answers = draftOf(db, scope.key) ?? {};
      const field = REPORT_FIELDS.find((f) => answers[f] === undefined);
      if (field) return { outcome: 'ask', vars: { field, question: question(ctx, scope, field, answers) } };
      return { outcome: 'summary', vars: { summary: summaryText(ctx, scope, answers) } };
    },

    report_edit: (ctx) => {
      const scope = scopeOf(db, ctx);
      const field = ctx.vars.field ?? '';
      if (!scope || !isReportField(field)) return lost();
      const answers = draftOf(db, scope.key) ?? {};
      return { outcome: 'ask', vars: { question: question(ctx, scope, field, answers) } };
    },

    report_pick_field: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      const answers = draftOf(db, scope.key) ?? {};
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

    report_check: (ctx) => {
      const scope = scopeOf(db, ctx);
      const field = ctx.vars.field ?? '';
      if (!scope || !isReportField(field)) return lost();
      const answers = draftOf(db, scope.key) ?? {};
      const text = ctx.vars.answer ?? '';
      const problem = (key: string, params: Record<string, unknown> = {}): FlowActionResult => ({
        outcome: 'invalid',
        replies: [{ text: ctx.tr.t(`reports:problems.${key}`, { ...params, label: ctx.tr.t(`reports:fields.${field}.label`) }) }],
      });
      if (isTextField(field)) {
        const parsed = parseReportText(text);
        if (!parsed.ok) return problem(parsed.problem);
        save(ctx, scope, answers, field, parsed.value);
        return { outcome: 'ok' };
      }
      let value: number;
      if (isKeepWord(text)) {
        const kept = keptValue(scope, field, answers, ctx.vars.suggest === '1');
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
      const lastWeek = lastWeekValue(db, scope, field);
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
      save(ctx, scope, fitting, field, value);
      return { outcome: 'ok', replies: outgrownNotice(ctx, field, value, cleared) };
    },

    report_keep_jump: (ctx) => {
      const scope = scopeOf(db, ctx);
      const field = ctx.vars.field ?? '';
      const value = Number(ctx.vars.pending);
      if (!scope || !isReportField(field) || isTextField(field) || !Number.isSafeInteger(value)) return lost();
      const answers = draftOf(db, scope.key) ?? {};
      // Checked against the bounds when typed; checked again in case another answer changed since.
      const { answers: fitting, cleared } = withOutgrownPartsCleared(field, value, answers);
      const violation = checkBounds(field, value, fitting);
      if (violation) return { outcome: 'ok', vars: { field } };
      save(ctx, scope, fitting, field, value);
      return { outcome: 'ok', replies: outgrownNotice(ctx, field, value, cleared) };
    },

    report_discard: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (scope) deleteDraft(db, scope.key);
      return { outcome: 'ok' };
    },

    report_submit: (ctx) => {
      const scope = scopeOf(db, ctx);
      if (!scope) return lost();
      const answers = draftOf(db, scope.key) ?? {};
      const figures = completeFigures(answers);
      if (!figures) return { outcome: 'incomplete' };
      const broken = COUNT_FIELDS.map((f) => checkBounds(f, figures[f], figures)).find((v) => v !== undefined);
      if (broken) return { outcome: 'incomplete' };
      const existing = reportOf(db, scope.unit.code, scope.period.kind, scope.period.deadlineDay);
      if (existing && ctx.now > scope.period.compileDeadline) return { outcome: 'closed' };
      // Sent again unchanged: a version that differs in nothing would only blur the record.
      if (existing && sameFigures(existing.latest.figures, figures)) {
        deleteDraft(db, scope.key);
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
      const saved = submitReport(db, {
        unitCode: scope.unit.code,
        period: scope.period,
        figures,
        personId: ctx.person.id,
        at: ctx.now,
      });
      store.audit.record({
        actorId: ctx.person.id,
        action: saved.corrected ? 'report.corrected' : 'report.submitted',
        unitCode: scope.unit.code,
        subject: `${scope.period.kind}:${scope.period.deadlineDay}`,
        details: {
          version: saved.version,
          late: saved.late,
          ...countsOf(figures),
          accountsHelped: figures.accountsHelped,
          paymentsHelped: figures.paymentsHelped,
        },
        at: ctx.now,
      });
      deleteDraft(db, scope.key);
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
