// What a unit reports: the five counts behind the campaign's rates, the people the
// community team helped, and in its own words the difficulties and proposals.
import type { Counts } from '../kpi.js';

export const COUNT_FIELDS = ['receivedTotal', 'receivedOnline', 'digitized', 'feeDossiers', 'paidOnline'] as const;
export const HELP_FIELDS = ['accountsHelped', 'paymentsHelped'] as const;
export const TEXT_FIELDS = ['difficulties', 'proposals'] as const;
/** The form's questions, in the order they are asked. */
export const REPORT_FIELDS = [...COUNT_FIELDS, ...HELP_FIELDS, ...TEXT_FIELDS] as const;

export type CountField = (typeof COUNT_FIELDS)[number] | (typeof HELP_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type ReportField = (typeof REPORT_FIELDS)[number];

export interface ReportFigures extends Counts {
  accountsHelped: number;
  paymentsHelped: number;
  /** Empty when the unit has none to report. */
  difficulties: string;
  proposals: string;
}

/** A form being filled: any field may still be missing. */
export type ReportAnswers = Partial<ReportFigures>;

export function isReportField(value: string): value is ReportField {
  return (REPORT_FIELDS as readonly string[]).includes(value);
}

export function isTextField(field: ReportField): field is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(field);
}

/** The answers as a complete report, or undefined while a field is missing. */
export function completeFigures(answers: ReportAnswers): ReportFigures | undefined {
  return REPORT_FIELDS.every((f) => answers[f] !== undefined) ? (answers as ReportFigures) : undefined;
}

export function countsOf(figures: Counts): Counts {
  return {
    receivedTotal: figures.receivedTotal,
    receivedOnline: figures.receivedOnline,
    digitized: figures.digitized,
    feeDossiers: figures.feeDossiers,
    paidOnline: figures.paidOnline,
  };
}
