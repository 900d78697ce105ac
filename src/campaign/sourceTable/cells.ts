// Cell parsers shared by the imports, written as zod schemas whose messages are locale
// keys: Vietnamese numbers (`1.020`), dates as YYYY-MM-DD or DD/MM/YYYY, unit codes.
import { z } from 'zod';
import type { Cell, ImportIssue } from './types.js';

const DAY_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_VN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A calendar day as `YYYY-MM-DD`, or undefined when the text is not a real date. */
export function parseDay(value: Cell): string | undefined {
  // Spreadsheet dates are stored as midnight UTC of the day shown.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const iso = DAY_ISO.exec(value.trim());
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const vn = DAY_VN.exec(value.trim());
  if (vn) return isoDay(Number(vn[3]), Number(vn[2]), Number(vn[1]));
  return undefined;
}

/** A whole count written the Vietnamese way (`65.465`, `1 020`) or plain (`65465`). */
export function parseCount(value: Cell): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/[\s\u00a0]/g, '');
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
  return undefined;
}

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

const day = z
  .custom<Cell>((v) => parseDay(v as Cell) !== undefined, { error: 'campaign:import.badDate' })
  .transform((v) => parseDay(v)!);

export const cell = {
  text: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z.string({ error: 'campaign:import.required' }).min(1, { error: 'campaign:import.required' }),
  ),
  optionalText: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().optional()),
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ error: 'campaign:import.required' }).regex(UNIT_CODE, { error: 'campaign:import.badCode' }),
  ),
  optionalCode: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string().regex(UNIT_CODE, { error: 'campaign:import.badCode' }).optional(),
  ),
  codeList: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split('|')
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean)
        : [],
    z.array(z.string().regex(UNIT_CODE, { error: 'campaign:import.badCode' })),
  ),
  day,
  optionalDay: day.optional(),
  count: z
    .custom<Cell>((v) => v !== undefined, { error: 'campaign:import.required' })
    .refine((v) => parseCount(v) !== undefined, { error: 'campaign:import.badCount' })
    .transform((v) => parseCount(v)!),
};

/** zod's issues as import issues on one line, naming the column the person must fix. */
/** A cell's value as a person wrote it, for a message that quotes it. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

export function issuesOf(line: number, error: z.ZodError, values: Record<string, unknown>): ImportIssue[] {
  return error.issues.map((issue) => {
    const column = String(issue.path[0] ?? '');
    const value = values[column];
    const key = issue.message.startsWith('campaign:') ? issue.message : 'campaign:import.invalid';
    return {
      line,
      key,
      vars: { column, value: cellText(value) },
    };
  });
}
