// Checking a form answer as it is typed. Pure functions: each returns either the value or
// a problem the form turns into a message saying what to fix.
import { foldDiacritics, normalizeForMatching } from '../../bot/normalize.js';
import type { CountField, ReportAnswers } from './figures.js';

export type CountProblem = 'notNumber' | 'negative' | 'notWhole' | 'ambiguous' | 'tooLarge';

export type Parsed<T, P> = { ok: true; value: T } | { ok: false; problem: P };

/** Larger than any unit's dossiers in a week or a campaign: a typo, not a count. */
export const MAX_COUNT = 10_000_000;
export const MAX_TEXT_LENGTH = 1000;

/**
 * A whole count written the Vietnamese way: `1020`, `1.020`, `1 020`, `12.345.678`.
 * A comma is the Vietnamese decimal mark, so `1,020` is asked again rather than guessed.
 */
export function parseReportCount(text: string): Parsed<number, CountProblem> {
  const trimmed = text.trim();
  // A space may only group thousands ("1 020"); "12 34" is two answers, not 1234.
  // Any other space inside ("0 .000", "12 34") makes it not one number.
  const spaced = /[\s\u00a0]/.test(trimmed.replace(/^[-−–]\s*/, ''));
  if (spaced && !/^[-−–]?\s*\d{1,3}([\s\u00a0]\d{3})+$/.test(trimmed)) return { ok: false, problem: 'notNumber' };
  const compact = trimmed.replace(/[\s\u00a0]/g, '');
  if (/^[-−–]\s*\d/.test(compact)) return { ok: false, problem: 'negative' };
  let digits: string | undefined;
  if (/^\d+$/.test(compact)) digits = compact;
  else if (/^\d{1,3}(\.\d{3})+$/.test(compact)) digits = compact.replace(/\./g, '');
  else if (/^\d{1,3}(,\d{3})+$/.test(compact)) return { ok: false, problem: 'ambiguous' };
  else if (/^\d*[.,]\d+$/.test(compact) || /^\d+[.,]$/.test(compact)) return { ok: false, problem: 'notWhole' };
  if (digits === undefined) return { ok: false, problem: 'notNumber' };
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > MAX_COUNT) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value };
}

const KEEP_WORDS = new Set(['dung', 'dung roi', 'dung vay', 'ok', 'oke', 'giu', 'giu nguyen', 'yes', 'correct', 'keep', 'd']);
const NONE_WORDS = new Set(['khong', 'khong co', 'khong co gi', 'none', 'no', 'nothing', 'n a', 'na']);

/** "đúng", "ok", "giữ": the person keeps the figure the system offered. */
export function isKeepWord(text: string): boolean {
  return KEEP_WORDS.has(foldDiacritics(text));
}

export type TextProblem = 'tooLong' | 'empty';

/** Difficulties and proposals: free text, "không" meaning there are none. */
export function parseReportText(text: string): Parsed<string, TextProblem> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  // "ko", "k", "không có gì": chat shorthand for none.
  if (NONE_WORDS.has(normalizeForMatching(trimmed))) return { ok: true, value: '' };
  if (trimmed.length > MAX_TEXT_LENGTH) return { ok: false, problem: 'tooLong' };
  return { ok: true, value: trimmed };
}

/** Two counts that must keep an order: the part never exceeds the whole. */
export const COUNT_BOUNDS: readonly { part: CountField; whole: CountField; problem: BoundProblem }[] = [
  { part: 'receivedOnline', whole: 'receivedTotal', problem: 'onlineAboveReceived' },
  { part: 'paidOnline', whole: 'feeDossiers', problem: 'paidAboveFees' },
  // As the statistics import checks: nothing is digitised or charged that was not received.
  { part: 'digitized', whole: 'receivedTotal', problem: 'digitizedAboveReceived' },
  { part: 'feeDossiers', whole: 'receivedTotal', problem: 'feesAboveReceived' },
];

export type BoundProblem = 'onlineAboveReceived' | 'paidAboveFees' | 'digitizedAboveReceived' | 'feesAboveReceived';

export interface BoundViolation {
  problem: BoundProblem;
  part: number;
  whole: number;
}

/** Whether `value` for `field` fits the counts already given (in either direction). */
export function checkBounds(field: CountField, value: number, answers: ReportAnswers): BoundViolation | undefined {
  for (const bound of COUNT_BOUNDS) {
    const part = bound.part === field ? value : answers[bound.part];
    const whole = bound.whole === field ? value : answers[bound.whole];
    if (bound.part !== field && bound.whole !== field) continue;
    if (part !== undefined && whole !== undefined && part > whole) return { problem: bound.problem, part, whole };
  }
  return undefined;
}

/**
 * A new whole below counts already given as its parts (a lowered total): the answers with
 * those parts taken out, to be asked again, so the reporter can correct both in one pass.
 */
export function withOutgrownPartsCleared(
  field: CountField,
  value: number,
  answers: ReportAnswers,
): { answers: ReportAnswers; cleared: CountField[] } {
  const cleared = COUNT_BOUNDS.filter((b) => b.whole === field && (answers[b.part] ?? -1) > value).map((b) => b.part);
  const kept: ReportAnswers = { ...answers };
  for (const part of cleared) delete kept[part];
  return { answers: kept, cleared };
}

/** A change against last week this large is likely a typo: asked to confirm, never refused. */
export const JUMP_FACTOR = 3;
export const JUMP_MIN_DIFFERENCE = 50;

export function isImplausibleJump(value: number, lastWeek: number | undefined): boolean {
  if (lastWeek === undefined) return false;
  if (Math.abs(value - lastWeek) < JUMP_MIN_DIFFERENCE) return false;
  return value >= lastWeek * JUMP_FACTOR || value * JUMP_FACTOR <= lastWeek;
}
