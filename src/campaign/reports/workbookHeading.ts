// The heading of the compiled report, laid out as a Vietnamese administrative document
// (Nghị định 30/2020/NĐ-CP): on the left the superior body and the issuing unit, on the
// right the national title and motto, each with a short rule under it, and the place and
// date; then the report's title, its period and how complete it is. Below the table: a
// note on how the rates are judged and the signature blocks. Names come from the unit tree.
import type ExcelJS from 'exceljs';
import type { Translator } from '../../i18n/index.js';
import { zonedParts } from '../../i18n/format.js';

/** Who the report is from and what it covers, as read from the campaign and the unit tree. */
export interface HeadingFacts {
  /** The campaign's root unit (the province), e.g. "Tỉnh Bến Tre". */
  province: string;
  /** The unit that issues the table: the compiling department, or the unit a sub-tree export is for. */
  issuer?: string;
  /** The unit the table covers when it is not the whole campaign (a district's own export). */
  scope?: string;
  /** The plan the campaign carries out, e.g. "KH 7386/KH-UBND". */
  reference?: string;
  kind: 'weekly' | 'final';
  /** The period's first and last days, as dates for the formatter. */
  from: Date;
  to: Date;
  deadline: Date;
  exportedAt: Date;
  filed: number;
  total: number;
}

/** Rows of the heading; the table's header starts right after `rows`. */
export const HEADING_ROWS = { superior: 1, issuer: 2, rule: 3, placeDate: 4, title: 6, period: 7, info: 8 } as const;
export const HEADING_HEIGHT = 9;

/** Where the left and right heading blocks sit, as column numbers (1 = A). */
export interface HeadingSpan {
  left: [number, number];
  right: [number, number];
  /** The whole table's width, for the centred title. */
  all: [number, number];
}

const RULE = '——————';
const LONG_RULE = '———————————';
const FONT = 'Times New Roman';

/**
 * The place a document is signed in: the province's name without its rank ("Tỉnh Bến
 * Tre" → "Bến Tre", "Thành phố Cần Thơ" → "Cần Thơ").
 */
export function placeName(province: string): string {
  return province.replace(/^\s*(tỉnh|thành phố|tp\.?)\s+/iu, '').trim() || province;
}

/**
 * Day and month as Vietnamese documents write them: a day below 10 and the months 1 and 2
 * take a leading zero ("ngày 05 tháng 3", "ngày 08 tháng 01"), in the province's time zone.
 */
export function documentDateParts(moment: Date): { day: string; month: string; year: string } {
  const p = zonedParts(moment);
  const month = Number(p.month);
  return { day: p.day, month: month <= 2 ? p.month : String(month), year: p.year };
}

export function placeDateLine(tr: Translator, province: string, moment: Date): string {
  return tr.t('reports:export.heading.placeDate', {
    place: placeName(province),
    date: tr.fmt.date(moment),
    ...documentDateParts(moment),
  });
}

function upper(text: string, tr: Translator): string {
  return text.toLocaleUpperCase(tr.locale === 'vi' ? 'vi-VN' : 'en');
}

function put(
  sheet: ExcelJS.Worksheet,
  row: number,
  [from, to]: [number, number],
  value: string,
  font: Partial<ExcelJS.Font>,
  height?: number,
): void {
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = value;
  cell.font = { name: FONT, size: 12, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (height) sheet.getRow(row).height = height;
}

export function writeHeading(sheet: ExcelJS.Worksheet, tr: Translator, facts: HeadingFacts, span: HeadingSpan): void {
  const R = HEADING_ROWS;
  put(sheet, R.superior, span.left, tr.t('reports:export.heading.superior', { province: upper(facts.province, tr) }), {});
  put(sheet, R.superior, span.right, tr.t('reports:export.heading.nation'), { bold: true });
  if (facts.issuer) put(sheet, R.issuer, span.left, upper(facts.issuer, tr), { bold: true });
  put(sheet, R.issuer, span.right, tr.t('reports:export.heading.motto'), { bold: true, size: 13 });
  put(sheet, R.rule, span.left, RULE, { size: 10 }, 12);
  put(sheet, R.rule, span.right, LONG_RULE, { size: 10 }, 12);
  put(sheet, R.placeDate, span.right, placeDateLine(tr, facts.province, facts.exportedAt), { italic: true, size: 12 }, 20);

  const dates = { from: tr.fmt.date(facts.from), to: tr.fmt.date(facts.to) };
  put(sheet, R.title, span.all, tr.t(`reports:export.title.${facts.kind}`), { bold: true, size: 14 }, 22);
  const period = tr.t(`reports:export.period.${facts.kind}`, dates);
  put(
    sheet,
    R.period,
    span.all,
    facts.scope ? tr.t('reports:export.scope', { unit: facts.scope, period }) : period,
    { bold: true, size: 12 },
    18,
  );
  const info = [
    facts.reference ? tr.t('reports:export.reference', { reference: facts.reference }) : undefined,
    tr.t('reports:export.subtitle', {
      deadline: tr.fmt.dateTime(facts.deadline),
      exportedAt: tr.fmt.dateTime(facts.exportedAt),
      filed: facts.filed,
      total: facts.total,
    }),
  ].filter((s): s is string => s !== undefined);
  put(sheet, R.info, span.all, info.join(' '), { italic: true, size: 11 }, 18);
}

/**
 * Under the table, from row `first`: how the rates are judged, then who prepared the
 * table and who signs it, with room for the signatures. Returns the last row written.
 */
export function writeClosing(sheet: ExcelJS.Worksheet, tr: Translator, first: number, span: HeadingSpan): number {
  const note = first + 1;
  sheet.mergeCells(note, span.all[0], note, span.all[1]);
  const cell = sheet.getCell(note, span.all[0]);
  cell.value = tr.t('reports:export.note');
  cell.font = { name: FONT, size: 10, italic: true };
  cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  sheet.getRow(note).height = 28;

  const titles = note + 2;
  put(sheet, titles, span.left, tr.t('reports:export.signature.preparer'), { bold: true });
  put(sheet, titles, span.right, tr.t('reports:export.signature.head'), { bold: true });
  put(sheet, titles + 1, span.left, tr.t('reports:export.signature.sign'), { italic: true, size: 11 });
  put(sheet, titles + 1, span.right, tr.t('reports:export.signature.sign'), { italic: true, size: 11 });
  // Room to sign, kept with the titles on the last printed page.
  const last = titles + 5;
  for (let r = titles + 2; r <= last; r++) sheet.getRow(r).height = 18;
  return last;
}
