// /tiendo as the benchmarks ask it on the national tree: for a commune, a province and the
// country, in the context the command runs in, timed the same way on every store.
import type { CommandContext } from '../../src/bot/context.js';
import { showProgress } from '../../src/campaign/progress/tiendoCommand.js';
import { Texts } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/index.js';
import type { GeneratedTree } from './nationalTree.js';
import { timeRuns, type Timing } from './stats.js';

export interface ReplyTarget {
  level: 'commune' | 'province' | 'country';
  code: string;
  /** How long timeRuns may take over it: fewer runs where a reply reads more. */
  opts: { runs: number; warmup: number; budgetMs: number };
}

/** A commune and a province from the middle of the tree, and the country. */
export function replyTargets(tree: GeneratedTree): ReplyTarget[] {
  const opts = (runs: number) => ({ runs, warmup: 2, budgetMs: 4000 });
  return [
    { level: 'commune', code: tree.communes[Math.floor(tree.communes.length / 2)]!, opts: opts(60) },
    { level: 'province', code: tree.provinces[Math.floor(tree.provinces.length / 2)]!, opts: opts(20) },
    { level: 'country', code: tree.root, opts: opts(12) },
  ];
}

let texts: Texts | undefined;

/** An official asking in Vietnamese on the tree's last day, on a channel with or without images. */
export function progressContext(tree: GeneratedTree, images: boolean): CommandContext {
  texts ??= Texts.load('vi');
  const now = new Date(`${tree.today}T15:00:00+07:00`);
  return {
    person: { id: 1, locale: 'vi', createdAt: now.toISOString(), noticed: true },
    channel: 'telegram',
    capabilities: { buttons: true, images, documents: true, maxTextLength: 4096 },
    tr: texts.for('vi'),
    now,
    args: '',
  };
}

/** The text reply's time (showProgress as /tiendo calls it, no chart), in ms. */
export function timeReply(store: Store, tree: GeneratedTree, target: ReplyTarget): Promise<Timing> {
  return timeRuns(() => showProgress(progressContext(tree, false), store, target.code), target.opts);
}
