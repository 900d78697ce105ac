// The compiled report as an Excel file an office can send upward: the national heading,
// the issuing unit and the period (workbookHeading.ts), then one row per reporting unit
// with its parent, counts, the three rates as formulas beside their targets and whether
// each is met, when it was sent and whether late; a subtotal row after each unit that has
// units below it, and the total. Subtotals use SUBTOTAL(9, …) so nested subtotals are
// never counted twice. Every formula carries its computed result, so a viewer that does
// not recalculate still shows the numbers. Prints landscape, one page wide (workbookPage.ts).
import ExcelJS from 'exceljs';
import { zonedParts } from '../../i18n/format.js';
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { type CampaignDefinition, type Targets, TargetsSchema } from '../definition/schema.js';
import { RATE_NAMES, RATE_PARTS, type RateName, rateOf, shortfall } from '../kpi.js';
import type { Unit } from '../units/types.js';
import { dayAsDate } from '../weeks.js';
import type { UnitFiling } from './status.js';
import type { UnitReport } from './types.js';
import type { ReportingPeriod } from './week.js';
import { HEADING_HEIGHT, type HeadingFacts, type HeadingSpan, writeClosing, writeHeading } from './workbookHeading.js';
import { setUpPage } from './workbookPage.js';
import { parentNamesOf } from './parentNames.js';
import { writeCampaignToDate } from './workbookToDate.js';
import { campaignToDate } from '../progress/campaignToDate.js';
import { toDateAsOf } from './compilation.js';

/** Column letters, fixed so formulas and tests agree. Each rate is followed by its target and whether it is met. */
export const COLUMNS = {
  index: 'A',
  code: 'B',
  name: 'C',
  parent: 'D',
  receivedTotal: 'E',
  receivedOnline: 'F',
  digitized: 'G',
  feeDossiers: 'H',
  paidOnline: 'I',
  onlineRate: 'J',
  onlineTarget: 'K',
  onlineMet: 'L',
  paymentRate: 'M',
  paymentTarget: 'N',
  paymentMet: 'O',
  digitizationRate: 'P',
  digitizationTarget: 'Q',
  digitizationMet: 'R',
  accountsHelped: 'S',
  paymentsHelped: 'T',
  submittedAt: 'U',
  late: 'V',
  difficulties: 'W',
  proposals: 'X',
} as const;
type ColumnKey = keyof typeof COLUMNS;

/** For each rate, its three columns: the rate, its target, and "Đạt" / "Chưa đạt". */
export const RATE_COLUMNS: Record<RateName, { rate: ColumnKey; target: ColumnKey; met: ColumnKey }> = {
  online: { rate: 'onlineRate', target: 'onlineTarget', met: 'onlineMet' },
  payment: { rate: 'paymentRate', target: 'paymentTarget', met: 'paymentMet' },
  digitization: { rate: 'digitizationRate', target: 'digitizationTarget', met: 'digitizationMet' },
};

/** The table's header: a row of column titles (rates grouped over their three columns) and a row of sub-titles. */
export const HEADER_TOP = HEADING_HEIGHT + 1;
/** The last header row; unit rows start right below it. */
export const HEADER_ROW = HEADER_TOP + 1;

/** Shown in the date cells' own format whatever the viewer's locale. */
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const COUNT_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.0%';

const SUMMED = [
  'receivedTotal',
  'receivedOnline',
  'digitized',
  'feeDossiers',
  'paidOnline',
  'accountsHelped',
  'paymentsHelped',
] as const;
type Sums = Record<(typeof SUMMED)[number], number>;

/** Widths in characters, chosen so the table prints one A4 page wide and stays readable. */
const WIDTHS: Record<ColumnKey, number> = {
  index: 5,
  code: 19,
  name: 22,
  parent: 15,
  receivedTotal: 9.5,
  receivedOnline: 9.5,
  digitized: 9.5,
  feeDossiers: 9.5,
  paidOnline: 9.5,
  onlineRate: 7.5,
  onlineTarget: 7.5,
  onlineMet: 8.5,
  paymentRate: 7.5,
  paymentTarget: 7.5,
  paymentMet: 8.5,
  digitizationRate: 7.5,
  digitizationTarget: 7.5,
  digitizationMet: 8.5,
  accountsHelped: 9.5,
  paymentsHelped: 9.5,
  submittedAt: 15,
  late: 7,
  difficulties: 24,
  proposals: 24,
};
/** Columns whose text wraps, and so set the row's height. */
const WRAPPED: readonly ColumnKey[] = ['code', 'name', 'parent', 'difficulties', 'proposals'];

const FONT = 'Times New Roman';
const TABLE_FONT_SIZE = 10;
const CODE_FONT_SIZE = 8;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FILLS = {
  header: 'FFE7E6E6',
  subtotal: 'FFF2F2F2',
  total: 'FFDDDDDD',
} as const;

type Row = { kind: 'unit'; filing: UnitFiling } | { kind: 'subtotal'; unit: Unit; from: number; to: number } | { kind: 'total' };

/** Units in tree order, each followed by its descendants and then its subtotal row. */
function layout(filings: UnitFiling[]): { rows: Row[] } {
  const byParent = new Map<string | undefined, UnitFiling[]>();
  const codes = new Set(filings.map((f) => f.unit.code));
  for (const f of filings) {
    // A unit whose parent does not report hangs from the top of the sheet.
    const parent = f.unit.parentCode && codes.has(f.unit.parentCode) ? f.unit.parentCode : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), f]);
  }
  const rows: Row[] = [];
  const visit = (f: UnitFiling) => {
    const start = rows.length;
    rows.push({ kind: 'unit', filing: f });
    const children = byParent.get(f.unit.code) ?? [];
    for (const child of children) visit(child);
    if (children.length) rows.push({ kind: 'subtotal', unit: f.unit, from: start, to: rows.length - 1 });
  };
  for (const f of byParent.get(undefined) ?? []) visit(f);
  rows.push({ kind: 'total' });
  return { rows };
}

/** A text as a string literal inside a formula. */
function literal(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Whether a rate meets its target, decided as everywhere else in the campaign (no shortfall). */
export function meetsTarget(rate: number | undefined, target: number): boolean | undefined {
  const short = shortfall(rate, target);
  return short === undefined ? undefined : short === 0;
}

/**
 * A moment as the province's wall clock, for a date cell: spreadsheets have no time zones,
 * so the cell holds the local date and time the reader expects (Asia/Ho_Chi_Minh).
 */
function provinceClock(moment: Date): Date {
  const p = zonedParts(moment);
  return new Date(
    Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), moment.getUTCSeconds()),
  );
}

export interface WorkbookOptions {
  /** The campaign the period belongs to; looked up from the unit and the deadline day when absent. */
  campaign?: CampaignDefinition;
}

export async function reportWorkbook(
  store: Store,
  tr: Translator,
  rootCode: string,
  period: ReportingPeriod,
  exportedAt: Date,
  options: WorkbookOptions = {},
): Promise<Uint8Array> {
  const filings = await store.reports.filingsUnder(rootCode, period.kind, period.deadlineDay);
  const root = await store.units.getUnit(rootCode);
  const campaign = options.campaign ?? (await store.campaigns.campaignFor(rootCode, period.deadlineDay));
  const parents = await parentNamesOf(
    store,
    filings.map((f) => f.unit),
  );
  const targets: Targets = campaign?.targets ?? TargetsSchema.parse({});

  const workbook = new ExcelJS.Workbook();
  workbook.created = exportedAt;
  workbook.creator = tr.t('reports:export.creator');
  workbook.title = tr.t(`reports:export.title.${period.kind}`);
  // Excel and LibreOffice recompute on opening; the cached results serve every other viewer.
  workbook.calcProperties = { fullCalcOnLoad: true };
  const sheet = workbook.addWorksheet(tr.t('reports:export.sheet'));
  for (const [key, column] of Object.entries(COLUMNS)) sheet.getColumn(column).width = WIDTHS[key as ColumnKey];

  const columnCount = Object.keys(COLUMNS).length;
  const span: HeadingSpan = { left: [1, 4], right: [16, columnCount], all: [1, columnCount] };
  writeHeading(sheet, tr, await headingFacts(store, rootCode, root, campaign, period, exportedAt, filings), span);
  writeHeader(sheet, tr);

  const { rows } = layout(filings);
  const first = HEADER_ROW + 1;
  const sums = new Map<number, Sums>();
  let index = 0;
  rows.forEach((row, i) => {
    const r = first + i;
    const line = sheet.getRow(r);
    const put = (key: ColumnKey, value: ExcelJS.CellValue) => {
      line.getCell(COLUMNS[key]).value = value;
    };
    let totals: Sums;
    if (row.kind === 'unit') {
      const { unit, report, state } = row.filing;
      put('index', ++index);
      put('code', unit.code);
      put('name', unit.name);
      const parent = unit.parentCode ? parents.get(unit.parentCode) : undefined;
      if (parent) put('parent', parent);
      totals = unitTotals(report);
      if (report) {
        for (const key of SUMMED) put(key, totals[key]);
        put('submittedAt', provinceClock(new Date(report.firstSubmittedAt)));
        // Empty cells stay empty, so a clerk's COUNTA over a column counts only real entries.
        if (state === 'late') put('late', tr.t('reports:export.yes'));
        if (report.latest.figures.difficulties) put('difficulties', report.latest.figures.difficulties);
        if (report.latest.figures.proposals) put('proposals', report.latest.figures.proposals);
      } else put('submittedAt', tr.t('reports:export.missing'));
    } else {
      const from = row.kind === 'subtotal' ? first + row.from : first;
      const to = row.kind === 'subtotal' ? first + row.to : r - 1;
      const covered = rows
        .slice(from - first, to - first + 1)
        .flatMap((x, k) => (x.kind === 'unit' ? [sums.get(from + k)!] : []));
      totals = Object.fromEntries(SUMMED.map((key) => [key, covered.reduce((s, t) => s + t[key], 0)])) as Sums;
      put(
        'name',
        row.kind === 'subtotal'
          ? tr.t('reports:export.subtotal', { unit: row.unit.name })
          : tr.t('reports:export.total', { unit: root?.name ?? rootCode }),
      );
      for (const key of SUMMED)
        put(key, { formula: `SUBTOTAL(9,${COLUMNS[key]}${from}:${COLUMNS[key]}${to})`, result: totals[key] });
    }
    sums.set(r, totals);
    const reported = row.kind !== 'unit' || row.filing.report !== undefined;
    for (const name of RATE_NAMES) {
      const c = RATE_COLUMNS[name];
      put(c.target, targets[name]);
      if (reported) {
        const { numerator, denominator } = RATE_PARTS[name];
        const rate = rateOf(totals[numerator], totals[denominator]);
        put(c.rate, rateFormula(tr, r, COLUMNS[numerator], COLUMNS[denominator], rate));
        put(c.met, metFormula(tr, r, COLUMNS[c.rate], COLUMNS[c.target], meetsTarget(rate, targets[name])));
      }
    }
    styleRow(line, row.kind);
  });
  const totalRow = first + rows.length - 1;
  highlightNotMet(sheet, tr, first, totalRow);
  // Since the campaign began: the same figure and the same day as /tonghop shows.
  if (campaign)
    writeCampaignToDate(
      sheet,
      tr,
      totalRow + 2,
      span.all,
      await campaignToDate(store, campaign, rootCode, toDateAsOf(period, exportedAt)),
      targets,
    );
  writeClosing(sheet, tr, totalRow + 3, span);
  setUpPage(sheet, tr, { headerTop: HEADER_TOP, headerBottom: HEADER_ROW, frozenColumns: 3 });

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

async function headingFacts(
  store: Pick<Store, 'units'>,
  rootCode: string,
  root: Unit | undefined,
  campaign: CampaignDefinition | undefined,
  period: ReportingPeriod,
  exportedAt: Date,
  filings: UnitFiling[],
): Promise<HeadingFacts> {
  const province = (campaign && (await store.units.getUnit(campaign.root))?.name) ?? root?.name ?? rootCode;
  const whole = campaign !== undefined && campaign.root === rootCode;
  // The whole campaign's table comes from the compiling department; a part of it (a
  // district compiling its communes) from the unit it covers.
  const issuerCode = whole ? campaign.compiled_by : rootCode;
  const issuer = issuerCode && issuerCode !== campaign?.root ? (await store.units.getUnit(issuerCode))?.name : undefined;
  return {
    province,
    ...(issuer ? { issuer } : {}),
    ...(!whole ? { scope: root?.name ?? rootCode } : {}),
    ...(campaign?.reference ? { reference: campaign.reference } : {}),
    kind: period.kind,
    from: dayAsDate(period.from),
    to: dayAsDate(period.to),
    deadline: period.deadline,
    exportedAt,
    filed: filings.filter((f) => f.report).length,
    total: filings.length,
  };
}

/** Two header rows: titles (a rate's title over its three columns) and, under each rate, what its columns hold. */
function writeHeader(sheet: ExcelJS.Worksheet, tr: Translator): void {
  const grouped = new Map<ColumnKey, RateName>();
  for (const name of RATE_NAMES) for (const key of Object.values(RATE_COLUMNS[name])) grouped.set(key, name);
  for (const [key, column] of Object.entries(COLUMNS) as [ColumnKey, string][]) {
    const name = grouped.get(key);
    if (!name) {
      sheet.mergeCells(`${column}${HEADER_TOP}:${column}${HEADER_ROW}`);
      sheet.getCell(`${column}${HEADER_TOP}`).value = tr.t(`reports:export.columns.${key}`);
      continue;
    }
    const c = RATE_COLUMNS[name];
    if (key === c.rate) {
      sheet.mergeCells(`${COLUMNS[c.rate]}${HEADER_TOP}:${COLUMNS[c.met]}${HEADER_TOP}`);
      sheet.getCell(`${column}${HEADER_TOP}`).value = tr.t(`reports:export.columns.${key}`);
    }
    const part = key === c.rate ? 'rate' : key === c.target ? 'target' : 'met';
    sheet.getCell(`${column}${HEADER_ROW}`).value = tr.t(`reports:export.columns.${part}`);
  }
  for (const r of [HEADER_TOP, HEADER_ROW]) {
    const row = sheet.getRow(r);
    for (const column of Object.values(COLUMNS)) {
      const cell = row.getCell(column);
      cell.font = { name: FONT, size: TABLE_FONT_SIZE, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS.header } };
    }
  }
  sheet.getRow(HEADER_TOP).height = 42;
  sheet.getRow(HEADER_ROW).height = 30;
}

function rateFormula(
  tr: Translator,
  row: number,
  numerator: string,
  denominator: string,
  value: number | undefined,
): ExcelJS.CellFormulaValue {
  const none = tr.t('reports:export.noRate');
  return {
    formula: `IF(${denominator}${row}>0,${numerator}${row}/${denominator}${row},${literal(none)})`,
    result: value ?? none,
  };
}

function metFormula(
  tr: Translator,
  row: number,
  rate: string,
  target: string,
  met: boolean | undefined,
): ExcelJS.CellFormulaValue {
  const [yes, no, none] = [tr.t('reports:export.met'), tr.t('reports:export.notMet'), tr.t('reports:export.noRate')];
  return {
    formula: `IF(ISNUMBER(${rate}${row}),IF(${rate}${row}>=${target}${row},${literal(yes)},${literal(no)}),${literal(none)})`,
    result: met === undefined ? none : met ? yes : no,
  };
}

function styleRow(line: ExcelJS.Row, kind: Row['kind']): void {
  const bold = kind !== 'unit';
  let lines = 1;
  for (const [key, column] of Object.entries(COLUMNS) as [ColumnKey, string][]) {
    const cell = line.getCell(column);
    // Codes are for matching, not reading: smaller, so long ones stay on one line.
    const size = key === 'code' ? CODE_FONT_SIZE : TABLE_FONT_SIZE;
    cell.font = { name: FONT, size, bold };
    cell.border = THIN;
    if (kind !== 'unit') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[kind] } };
    if ((SUMMED as readonly string[]).includes(key)) cell.numFmt = COUNT_FORMAT;
    if (key.endsWith('Rate') || key.endsWith('Target')) cell.numFmt = PERCENT_FORMAT;
    if (key === 'submittedAt') cell.numFmt = DATE_TIME_FORMAT;
    const centred = key === 'index' || key === 'late' || key === 'submittedAt' || key.endsWith('Met');
    const wrapped = WRAPPED.includes(key);
    cell.alignment = { vertical: 'middle', wrapText: wrapped, ...(centred ? { horizontal: 'center' } : {}) };
    if (wrapped && typeof cell.value === 'string') lines = Math.max(lines, estimatedLines(cell.value, WIDTHS[key], size));
  }
  // Viewers do not all fit a row to wrapped text; give it the height its longest text needs.
  if (lines > 1) line.height = Math.min(409, 13.5 * lines + 3);
}

/**
 * How many lines a text takes in a column this wide at this font size, breaking at spaces
 * and after hyphens as a viewer would. A width counts characters of the default font, and
 * 10-point Times New Roman fits about 1.35 lower-case letters in each; capitals and digits
 * are wider.
 */
export function estimatedLines(text: string, width: number, size = TABLE_FONT_SIZE): number {
  const room = Math.max(1, width * 1.35 * (TABLE_FONT_SIZE / size) - 1);
  const weight = (word: string) => [...word].reduce((w, ch) => w + (/\p{Lu}/u.test(ch) ? 1.3 : /\d/.test(ch) ? 1.1 : 1), 0);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    // Each piece keeps the space before it, if any, so hyphenated pieces join without one.
    for (const piece of paragraph.trim().split(/(?=\s)|(?<=-)/)) {
      const space = /^\s/.test(piece) ? 1 : 0;
      const w = weight(piece.trim());
      if (used > 0 && used + space + w > room) {
        lines++;
        used = w;
      } else used += (used > 0 ? space : 0) + w;
      while (used > room) {
        lines++;
        used -= room;
      }
    }
  }
  return lines;
}

/** "Chưa đạt" stands out in red, also after a recalculation changes it. */
function highlightNotMet(sheet: ExcelJS.Worksheet, tr: Translator, first: number, last: number): void {
  for (const name of RATE_NAMES) {
    const column = COLUMNS[RATE_COLUMNS[name].met];
    sheet.addConditionalFormatting({
      ref: `${column}${first}:${column}${last}`,
      rules: [
        {
          type: 'cellIs',
          operator: 'equal',
          formulae: [literal(tr.t('reports:export.notMet'))],
          priority: 1,
          style: { font: { color: { argb: 'FFC00000' } } },
        },
      ],
    });
  }
}

function unitTotals(report: UnitReport | undefined): Sums {
  const f = report?.latest.figures;
  return Object.fromEntries(SUMMED.map((key) => [key, f ? f[key] : 0])) as Sums;
}

export function exportFileName(rootCode: string, period: ReportingPeriod): string {
  return period.kind === 'final' ? `bao-cao-ket-thuc-${rootCode}.xlsx` : `bao-cao-tuan-${rootCode}-${period.deadlineDay}.xlsx`;
}
