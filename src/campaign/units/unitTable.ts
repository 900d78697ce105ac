// Turns a units file (CSV) into unit writes, checking every row and the tree as a whole
// (known parents, no cycles, no duplicate codes) before anything is saved.
import { z } from 'zod';
import { cell, issuesOf } from '../sourceTable/cells.js';
import { type ColumnAliases, matchColumns } from '../sourceTable/columns.js';
import { rowRecord } from '../sourceTable/index.js';
import type { ImportIssue, SourceTable } from '../sourceTable/types.js';
import { UNIT_KINDS, type UnitWrite } from './types.js';

type UnitColumn =
  | 'code'
  | 'name'
  | 'kind'
  | 'parent_code'
  | 'official_code'
  | 'valid_from'
  | 'valid_to'
  | 'successor_codes'
  | 'predecessor_codes';

const ALIASES: ColumnAliases<UnitColumn> = {
  code: ['ma', 'ma_don_vi', 'unit_code'],
  name: ['ten', 'ten_don_vi', 'unit_name'],
  kind: ['loai', 'cap', 'loai_don_vi', 'level'],
  parent_code: ['ma_cha', 'ma_don_vi_cha', 'don_vi_cha', 'parent'],
  official_code: ['ma_thong_ke', 'ma_gso', 'gso_code'],
  valid_from: ['hieu_luc_tu', 'tu_ngay'],
  valid_to: ['hieu_luc_den', 'den_ngay'],
  successor_codes: ['don_vi_ke_thua', 'ma_ke_thua'],
  predecessor_codes: ['don_vi_tien_than', 'ma_tien_than'],
};

const UnitRowSchema = z.object({
  code: cell.code,
  name: cell.text,
  kind: z.enum(UNIT_KINDS, { error: 'campaign:import.badKind' }),
  parent_code: cell.optionalCode,
  official_code: cell.optionalText,
  valid_from: cell.optionalDay,
  valid_to: cell.optionalDay,
  successor_codes: cell.codeList,
  predecessor_codes: cell.codeList,
});

export interface UnitTableDefaults {
  validFrom?: string;
  validTo?: string;
}

export interface UnitTableResult {
  writes: UnitWrite[];
  issues: ImportIssue[];
}

/**
 * @param existingParents code → parent code of the units already saved, so a file may add
 *        communes under a district loaded earlier, and a cycle through saved units is caught.
 */
export function readUnitTable(
  table: SourceTable,
  existingParents: Map<string, string | undefined>,
  defaults: UnitTableDefaults = {},
): UnitTableResult {
  const match = matchColumns(table.header, ALIASES, ['code', 'name', 'kind', 'parent_code']);
  if (match.missing.length > 0 || match.duplicated.length > 0)
    return {
      writes: [],
      issues: [
        ...match.missing.map((column) => ({ line: 1, key: 'campaign:import.missingColumn', vars: { column } })),
        ...match.duplicated.map((column) => ({ line: 1, key: 'campaign:import.duplicateColumn', vars: { column } })),
      ],
    };

  const issues: ImportIssue[] = [];
  const writes: UnitWrite[] = [];
  const lineOf = new Map<string, number>();
  for (const row of table.rows) {
    const values = rowRecord(match.columns, row.cells);
    const parsed = UnitRowSchema.safeParse(values);
    if (!parsed.success) {
      issues.push(...issuesOf(row.line, parsed.error, values));
      continue;
    }
    const r = parsed.data;
    if (lineOf.has(r.code)) {
      issues.push({ line: row.line, key: 'campaign:import.duplicateCode', vars: { code: r.code, first: lineOf.get(r.code)! } });
      continue;
    }
    lineOf.set(r.code, row.line);
    const validFrom = r.valid_from ?? defaults.validFrom;
    const validTo = r.valid_to ?? defaults.validTo;
    if (validFrom && validTo && validFrom > validTo) {
      issues.push({ line: row.line, key: 'campaign:import.validityReversed', vars: { from: validFrom, to: validTo } });
      continue;
    }
    writes.push({
      unit: {
        code: r.code,
        name: r.name.trim(),
        kind: r.kind,
        ...(r.parent_code ? { parentCode: r.parent_code } : {}),
        ...(r.official_code ? { officialCode: r.official_code.trim() } : {}),
        ...(validFrom ? { validFrom } : {}),
        ...(validTo ? { validTo } : {}),
        successorCodes: r.successor_codes,
      },
      predecessorCodes: r.predecessor_codes,
    });
  }

  // The tree after this import: saved units overlaid with the file.
  const parents = new Map(existingParents);
  for (const { unit } of writes) parents.set(unit.code, unit.parentCode);
  for (const { unit } of writes) {
    const line = lineOf.get(unit.code)!;
    if (unit.parentCode === undefined) continue;
    if (unit.parentCode === unit.code) issues.push({ line, key: 'campaign:import.ownParent', vars: { code: unit.code } });
    else if (!parents.has(unit.parentCode))
      issues.push({ line, key: 'campaign:import.unknownParent', vars: { code: unit.code, parent: unit.parentCode } });
    else if (leadsToCycle(unit.code, parents)) issues.push({ line, key: 'campaign:import.cycle', vars: { code: unit.code } });
  }
  issues.sort((a, b) => a.line - b.line);
  return { writes: issues.length > 0 ? [] : writes, issues };
}

function leadsToCycle(start: string, parents: Map<string, string | undefined>): boolean {
  const seen = new Set<string>([start]);
  for (let code = parents.get(start); code !== undefined; code = parents.get(code)) {
    if (seen.has(code)) return true;
    seen.add(code);
  }
  return false;
}
