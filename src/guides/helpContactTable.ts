// Turns the province's help-contacts file (CSV or XLSX) into contacts, checking every row
// (known commune, one row per commune, phone numbers that can be dialled) before any is saved.
import { z } from 'zod';
import { cell, issuesOf } from '../campaign/sourceTable/cells.js';
import { type ColumnAliases, matchColumns } from '../campaign/sourceTable/columns.js';
import { rowRecord } from '../campaign/sourceTable/index.js';
import type { ImportIssue, SourceTable } from '../campaign/sourceTable/types.js';
import type { HelpContact } from './helpContacts.js';

type ContactColumn = 'unit_code' | 'desk_name' | 'address' | 'phone' | 'office_hours' | 'team_contact';

const ALIASES: ColumnAliases<ContactColumn> = {
  unit_code: ['code', 'ma', 'ma_don_vi', 'ma_xa'],
  desk_name: ['ten_bo_phan', 'bo_phan_mot_cua', 'noi_tiep_nhan'],
  address: ['dia_chi'],
  phone: ['dien_thoai', 'so_dien_thoai', 'sdt'],
  office_hours: ['gio_lam_viec'],
  team_contact: ['to_cong_nghe_so', 'to_cds', 'lien_he_to_cds'],
};

const MAX_LENGTH = 300;
/** One or more numbers, separated by `,`, `;` or `/`: digits with spaces, dots or dashes. */
const PHONES = /^\+?\d[\d .-]{2,18}\d(\s*[,;/]\s*\+?\d[\d .-]{2,18}\d)*$/;

const text = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() || undefined : v),
  z.string().max(MAX_LENGTH, { error: 'guides:import.tooLong' }).optional(),
);

const ContactRowSchema = z.object({
  unit_code: cell.code,
  desk_name: text,
  address: text,
  phone: text.refine((v) => v === undefined || PHONES.test(v), { error: 'guides:import.badPhone' }),
  office_hours: text,
  team_contact: text,
});

export interface HelpContactTableResult {
  contacts: HelpContact[];
  issues: ImportIssue[];
}

/** @param unitExists whether a code names a unit of the tree (contacts are kept only for known units). */
export function readHelpContactTable(table: SourceTable, unitExists: (code: string) => boolean): HelpContactTableResult {
  const match = matchColumns(table.header, ALIASES, ['unit_code']);
  if (match.missing.length > 0 || match.duplicated.length > 0)
    return {
      contacts: [],
      issues: [
        ...match.missing.map((column) => ({ line: 1, key: 'campaign:import.missingColumn', vars: { column } })),
        ...match.duplicated.map((column) => ({ line: 1, key: 'campaign:import.duplicateColumn', vars: { column } })),
      ],
    };

  const issues: ImportIssue[] = [];
  const contacts: HelpContact[] = [];
  const lineOf = new Map<string, number>();
  for (const row of table.rows) {
    const values = rowRecord(match.columns, row.cells);
    const parsed = ContactRowSchema.safeParse(values);
    if (!parsed.success) {
      issues.push(...issuesOf(row.line, parsed.error, values).map((i) => withOwnKey(i, parsed.error)));
      continue;
    }
    const r = parsed.data;
    const first = lineOf.get(r.unit_code);
    if (first !== undefined) {
      issues.push({ line: row.line, key: 'campaign:import.duplicateCode', vars: { code: r.unit_code, first } });
      continue;
    }
    lineOf.set(r.unit_code, row.line);
    if (!unitExists(r.unit_code)) {
      issues.push({ line: row.line, key: 'campaign:import.unknownUnit', vars: { code: r.unit_code } });
      continue;
    }
    contacts.push({
      unitCode: r.unit_code,
      ...(r.desk_name ? { deskName: r.desk_name } : {}),
      ...(r.address ? { address: r.address } : {}),
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.office_hours ? { officeHours: r.office_hours } : {}),
      ...(r.team_contact ? { teamContact: r.team_contact } : {}),
    });
  }
  return { contacts: issues.length > 0 ? [] : contacts, issues };
}

/** issuesOf keeps only `campaign:` keys; the guides' own messages are kept too. */
function withOwnKey(issue: ImportIssue, error: z.ZodError): ImportIssue {
  const own = error.issues.find((i) => String(i.path[0] ?? '') === issue.vars?.column && i.message.startsWith('guides:'));
  return own ? { ...issue, key: own.message, vars: { ...issue.vars, max: MAX_LENGTH } } : issue;
}
