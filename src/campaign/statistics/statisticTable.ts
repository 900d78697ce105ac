// Turns an export (CSV or XLSX, English or Vietnamese headers) into statistic rows,
// checking each row and the rows against each other and against what is saved.
import { z } from 'zod';
import { cell, issuesOf } from '../sourceTable/cells.js';
import { type ColumnAliases, matchColumns } from '../sourceTable/columns.js';
import { rowRecord } from '../sourceTable/index.js';
import type { ImportIssue, SourceTable } from '../sourceTable/types.js';
import type { StatisticRow } from './types.js';

const COLUMNS = [
  'unit_code',
  'from',
  'to',
  'received_total',
  'received_online',
  'digitized',
  'fee_dossiers',
  'paid_online',
] as const;
type StatisticColumn = (typeof COLUMNS)[number];

export const STATISTIC_ALIASES: ColumnAliases<StatisticColumn> = {
  unit_code: ['ma_don_vi', 'ma', 'don_vi', 'code'],
  from: ['tu_ngay', 'from_date', 'tu'],
  to: ['den_ngay', 'to_date', 'den'],
  received_total: ['tong_ho_so_tiep_nhan', 'tong_so_ho_so', 'tiep_nhan', 'tong_tiep_nhan', 'tong_ho_so'],
  received_online: ['tiep_nhan_truc_tuyen', 'ho_so_truc_tuyen', 'truc_tuyen'],
  digitized: ['ho_so_so_hoa', 'so_hoa', 'so_hoa_ho_so_ket_qua'],
  fee_dossiers: ['ho_so_co_phi', 'ho_so_co_phi_le_phi', 'co_phi_le_phi'],
  paid_online: ['thanh_toan_truc_tuyen', 'ho_so_thanh_toan_truc_tuyen', 'da_thanh_toan_truc_tuyen'],
};

const StatisticRowSchema = z
  .object({
    unit_code: cell.code,
    from: cell.day,
    to: cell.day,
    received_total: cell.count,
    received_online: cell.count,
    digitized: cell.count,
    fee_dossiers: cell.count,
    paid_online: cell.count,
  })
  .superRefine((r, ctx) => {
    if (r.from > r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'campaign:import.periodReversed' });
    if (r.received_online > r.received_total)
      ctx.addIssue({ code: 'custom', path: ['received_online'], message: 'campaign:import.onlineAboveTotal' });
    if (r.digitized > r.received_total)
      ctx.addIssue({ code: 'custom', path: ['digitized'], message: 'campaign:import.digitizedAboveTotal' });
    if (r.paid_online > r.fee_dossiers)
      ctx.addIssue({ code: 'custom', path: ['paid_online'], message: 'campaign:import.paidAboveFee' });
  });

export interface SavedPeriod {
  unitCode: string;
  from: string;
  to: string;
}

export interface StatisticTableContext {
  unitExists(code: string): boolean;
  /** Periods already saved for a unit (to refuse overlaps that would count twice). */
  savedPeriods(code: string): SavedPeriod[];
}

export interface StatisticTableResult {
  rows: StatisticRow[];
  issues: ImportIssue[];
}

function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/**
 * The unit codes a table names, as its rows will read them: what the store looks up before
 * the table is checked (StatisticTableContext answers for these codes only).
 */
export function statisticUnitCodes(table: SourceTable): string[] {
  const match = matchColumns(table.header, STATISTIC_ALIASES, COLUMNS);
  if (match.missing.length > 0 || match.duplicated.length > 0) return [];
  const codes = new Set<string>();
  for (const row of table.rows) {
    const code = cell.code.safeParse(rowRecord(match.columns, row.cells).unit_code);
    if (code.success) codes.add(code.data);
  }
  return [...codes];
}

export function readStatisticTable(table: SourceTable, context: StatisticTableContext): StatisticTableResult {
  const match = matchColumns(table.header, STATISTIC_ALIASES, COLUMNS);
  if (match.missing.length > 0 || match.duplicated.length > 0)
    return {
      rows: [],
      issues: [
        ...match.missing.map((column) => ({ line: 1, key: 'campaign:import.missingColumn', vars: { column } })),
        ...match.duplicated.map((column) => ({ line: 1, key: 'campaign:import.duplicateColumn', vars: { column } })),
      ],
    };
  const issues: ImportIssue[] = [];
  const rows: (StatisticRow & { line: number })[] = [];
  for (const sourceRow of table.rows) {
    const values = rowRecord(match.columns, sourceRow.cells);
    const parsed = StatisticRowSchema.safeParse(values);
    if (!parsed.success) {
      issues.push(...issuesOf(sourceRow.line, parsed.error, values));
      continue;
    }
    const r = parsed.data;
    if (!context.unitExists(r.unit_code)) {
      issues.push({ line: sourceRow.line, key: 'campaign:import.unknownUnit', vars: { code: r.unit_code } });
      continue;
    }
    const row = {
      line: sourceRow.line,
      unitCode: r.unit_code,
      from: r.from,
      to: r.to,
      receivedTotal: r.received_total,
      receivedOnline: r.received_online,
      digitized: r.digitized,
      feeDossiers: r.fee_dossiers,
      paidOnline: r.paid_online,
    };
    const clash = rows.find((other) => other.unitCode === row.unitCode && overlaps(other, row));
    if (clash) {
      issues.push({ line: row.line, key: 'campaign:import.periodClash', vars: { code: row.unitCode, other: clash.line } });
      continue;
    }
    // Re-importing the same period replaces it; a different period that overlaps would count twice.
    const saved = context.savedPeriods(row.unitCode).find((p) => overlaps(p, row) && !(p.from === row.from && p.to === row.to));
    if (saved) {
      issues.push({
        line: row.line,
        key: 'campaign:import.periodOverlapsSaved',
        vars: { code: row.unitCode, from: saved.from, to: saved.to },
      });
      continue;
    }
    rows.push(row);
  }
  issues.sort((a, b) => a.line - b.line);
  return { rows: issues.length > 0 ? [] : rows.map(({ line: _line, ...row }) => row), issues };
}
