// The week's statistics export sent to the bot as a file, by those who may import it
// (access.ts: 'statistics.import', the compiler and administrators): the same line-numbered
// verdict as `npm run cli -- stats:import`, all of the file saved or nothing, audited. The
// file is downloaded, read and let go: nothing of it is kept but the counts it holds.
// Anyone else who sends a file gets the engine's usual "files are not read" answer, and a
// channel that cannot hand over files is named as such to those who could import.
import { extname } from 'node:path';
import type { TurnContext } from '../../bot/context.js';
import type { InterceptedMessage } from '../../bot/module.js';
import type { InboundFile, Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { can } from '../access.js';
import type { ImportIssue } from '../sourceTable/types.js';
import { importStatisticsFile, statisticsFileKind } from './importFile.js';

/** The largest export accepted by chat: a province's week is a few hundred rows, far below. */
const STATISTICS_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** Problems listed in one answer; the rest are counted. */
const ISSUES_SHOWN = 40;

const MIME_EXTENSIONS: Record<string, string> = {
  'text/csv': '.csv',
  'text/comma-separated-values': '.csv',
  'application/csv': '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};

/** The file's name, with an extension from its type when the sender's app gave none. */
function nameOf(file: InboundFile): string {
  const name = (file.name ?? '').trim();
  if (name !== '' && extname(name) !== '') return name;
  const ext = file.mimeType ? MIME_EXTENSIONS[file.mimeType.toLowerCase()] : undefined;
  return `${name || 'thong-ke'}${ext ?? ''}`;
}

function megabytes(tr: Translator, bytes: number): string {
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${mb.toLocaleString(tr.locale === 'vi' ? 'vi-VN' : 'en-GB')} MB`;
}

/** Those who may import the export, which can hold any unit: the whole tree must be in their reach. */
async function mayImport(store: Pick<Store, 'roles' | 'units'>, personId: number): Promise<boolean> {
  const roles = await store.roles.rolesOf(personId);
  if (roles.length === 0) return false;
  const roots = await store.units.rootCodes();
  if (roots.length === 0) return false;
  for (const root of roots)
    if (!(await can(roles, 'statistics.import', root, (from, to) => store.units.relationOf(from, to)))) return false;
  return true;
}

function issueLines(tr: Translator, issues: readonly ImportIssue[]): string[] {
  const lines = issues
    .slice(0, ISSUES_SHOWN)
    .map((issue) => tr.t('campaign:import.line', { line: issue.line, message: tr.t(issue.key, issue.vars ?? {}) }));
  if (issues.length > ISSUES_SHOWN) lines.push(tr.t('campaign:statsFile.moreProblems', { count: issues.length - ISSUES_SHOWN }));
  lines.push(tr.t('campaign:cli.nothingSaved', { count: issues.length }));
  return lines;
}

export function statisticsFileInterceptor(store: Pick<Store, 'roles' | 'units' | 'statistics'>) {
  return async (ctx: TurnContext, message: InterceptedMessage): Promise<Reply[] | undefined> => {
    if (message.kind !== 'media' || message.mediaKind !== 'file') return undefined;
    if (!(await mayImport(store, ctx.person.id))) return undefined;
    const tr = ctx.tr;
    const file = message.file;
    if (!file) return [{ text: tr.t('campaign:statsFile.noFilesHere') }];

    const name = nameOf(file);
    const what = { file: name, max: megabytes(tr, STATISTICS_FILE_MAX_BYTES) };
    const kind = statisticsFileKind(name);
    if (kind === undefined || extname(name).toLowerCase() === '.txt')
      return [{ text: tr.t('campaign:statsFile.wrongType', what) }];
    if (file.size !== undefined && file.size > STATISTICS_FILE_MAX_BYTES)
      return [{ text: tr.t('campaign:statsFile.tooLarge', { ...what, size: megabytes(tr, file.size) }) }];

    let bytes: Uint8Array;
    try {
      bytes = await file.download();
    } catch (err) {
      ctx.log?.warn({ err: { message: err instanceof Error ? err.message : 'unknown' } }, 'statistics file not downloaded');
      return [{ text: tr.t('campaign:statsFile.downloadFailed', what) }];
    }
    if (bytes.byteLength > STATISTICS_FILE_MAX_BYTES)
      return [{ text: tr.t('campaign:statsFile.tooLarge', { ...what, size: megabytes(tr, bytes.byteLength) }) }];

    const outcome = await importStatisticsFile(store, { name, bytes }, ctx.now, { actorId: ctx.person.id, source: 'chat' });
    const heading = tr.t('campaign:statsFile.heading', { file: name });
    if (!outcome.ok) return [{ text: [heading, ...issueLines(tr, outcome.issues)].join('\n') }];
    return [
      {
        text: [heading, tr.t('campaign:cli.statsImported', { added: outcome.added, replaced: outcome.replaced })].join('\n'),
        choices: [{ id: '/tiendo', label: tr.t('campaign:statsFile.seeProgress') }],
      },
    ];
  };
}
