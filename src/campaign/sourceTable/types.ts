// A table read from an administrator's file (CSV or XLSX): a header and rows that keep
// the line number a person sees in their spreadsheet, so every problem can point there.
export type Cell = string | number | Date | undefined;

export interface SourceRow {
  /** 1-based line (CSV) or row number (XLSX), as the person's editor shows it. */
  line: number;
  cells: Cell[];
}

export interface SourceTable {
  header: string[];
  rows: SourceRow[];
}

/** One thing wrong with an imported file, as a locale key so it reads in the admin's language. */
export interface ImportIssue {
  line: number;
  key: string;
  vars?: Record<string, string | number>;
}

/** A file that cannot be read as a table at all (bad quoting, no sheet, no header). */
export class SourceTableError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.key);
    this.name = 'SourceTableError';
  }
}
