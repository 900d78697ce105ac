// What the campaign's administrators' commands share: texts in the configured language,
// and a file's problems printed one per line, each with its line number.
import type { CliContext } from '../command.js';
import { type Translator, Texts } from '../../i18n/index.js';
import type { ImportIssue } from '../../campaign/sourceTable/types.js';
import { readTableFile, SourceTableError, type SourceTable } from '../../campaign/sourceTable/index.js';

export type TableImportOutcome = { ok: false; issues: readonly ImportIssue[] } | { ok: true; done: string };

/**
 * Reads a CSV or XLSX file and hands it to `apply`; an unreadable file or bad rows are
 * printed one per line with their line numbers, and nothing is saved (exit code 1).
 */
export async function importTableFile(
  ctx: CliContext,
  tr: Translator,
  file: string,
  apply: (table: SourceTable) => Promise<TableImportOutcome>,
): Promise<number> {
  let outcome: TableImportOutcome;
  try {
    outcome = await apply(await readTableFile(file));
  } catch (err) {
    if (!(err instanceof SourceTableError)) throw err;
    outcome = { ok: false, issues: [err.issue] };
  }
  if (!outcome.ok) {
    printIssues(ctx, tr, outcome.issues);
    return 1;
  }
  ctx.io.out(outcome.done);
  return 0;
}

export function cliTranslator(ctx: CliContext): Translator {
  return Texts.load(ctx.config.DEFAULT_LOCALE).for(ctx.config.DEFAULT_LOCALE);
}

export function printIssues(ctx: CliContext, tr: Translator, issues: readonly ImportIssue[]): void {
  for (const issue of issues)
    ctx.io.err(tr.t('campaign:import.line', { line: issue.line, message: tr.t(issue.key, issue.vars ?? {}) }));
  ctx.io.err(tr.t('campaign:cli.nothingSaved', { count: issues.length }));
}
