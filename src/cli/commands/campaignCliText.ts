// What the campaign's administrators' commands share: texts in the configured language,
// and a file's problems printed one per line, each with its line number.
import type { CliContext } from '../command.js';
import { type Translator, Texts } from '../../i18n/index.js';
import type { ImportIssue } from '../../campaign/sourceTable/types.js';

export function cliTranslator(ctx: CliContext): Translator {
  return Texts.load(ctx.config.DEFAULT_LOCALE).for(ctx.config.DEFAULT_LOCALE);
}

export function printIssues(ctx: CliContext, tr: Translator, issues: readonly ImportIssue[]): void {
  for (const issue of issues)
    ctx.io.err(tr.t('campaign:import.line', { line: issue.line, message: tr.t(issue.key, issue.vars ?? {}) }));
  ctx.io.err(tr.t('campaign:cli.nothingSaved', { count: issues.length }));
}
