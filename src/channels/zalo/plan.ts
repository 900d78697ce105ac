// A batch of channel-neutral replies as the messages a Zalo chat can show. Choices are
// numbered across the whole batch (so each number is unique) and come back as the menu
// to remember; links are written out (Zalo makes URLs tappable); a picture or a file the
// channel cannot carry is replaced by a sentence saying so.
import type { Choice, Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import { splitText, ZALO_TEXT_LIMIT } from './splitText.js';

export type ZaloOutgoing =
  | { kind: 'text'; text: string }
  | { kind: 'image'; png: Uint8Array; caption?: string }
  | { kind: 'file'; filename: string; bytes: Uint8Array; caption?: string }
  /** Choices as tappable buttons (OA list template), numbered like the text menu. */
  | { kind: 'buttons'; choices: NumberedChoice[]; fallbackText: string };

export interface NumberedChoice extends Choice {
  number: number;
}

export interface PlanOptions {
  buttons: boolean;
  images: boolean;
  documents: boolean;
  maxTextLength?: number;
}

export interface ZaloPlan {
  messages: ZaloOutgoing[];
  /** For each message, the index of the reply it comes from (so each reply is confirmed once sent). */
  replyOf: number[];
  /** Every choice offered, in number order: what "1", "2"… mean from now on. */
  menu: Choice[];
}

export function planReplies(replies: readonly Reply[], tr: Translator, opts: PlanOptions): ZaloPlan {
  const limit = opts.maxTextLength ?? ZALO_TEXT_LIMIT;
  const messages: ZaloOutgoing[] = [];
  const menu: Choice[] = [];
  const replyOf: number[] = [];
  for (const [index, reply] of replies.entries()) {
    const texts: string[] = [];
    if (reply.image) {
      if (opts.images) messages.push({ kind: 'image', png: reply.image.png, ...captionOf(reply.image.caption, limit, texts) });
      else if (reply.image.caption) texts.push(reply.image.caption);
    }
    if (reply.document) {
      const { filename, bytes, caption } = reply.document;
      if (opts.documents) messages.push({ kind: 'file', filename, bytes, ...captionOf(caption, limit, texts) });
      else texts.push(...(caption ? [caption] : []), tr.t('zalo:document.notHere', { filename }));
    }
    texts.push(withLinks(reply, tr));

    const numbered = (reply.choices ?? []).map((c) => ({ ...c, number: menu.push(c) }));
    const parts = texts.flatMap((t) => splitText(t, limit));
    if (numbered.length > 0) {
      const list = numberedList(numbered, tr);
      if (opts.buttons)
        messages.push(...parts.map((text) => ({ kind: 'text' as const, text })), {
          kind: 'buttons',
          choices: numbered,
          fallbackText: list,
        });
      else {
        const last = parts.pop();
        if (last !== undefined && last.length + 2 + list.length <= limit) parts.push(`${last}\n\n${list}`);
        else parts.push(...(last !== undefined ? [last] : []), ...splitText(list, limit));
        messages.push(...parts.map((text) => ({ kind: 'text' as const, text })));
      }
    } else messages.push(...parts.map((text) => ({ kind: 'text' as const, text })));
    while (replyOf.length < messages.length) replyOf.push(index);
  }
  return { messages, replyOf, menu };
}

/** Sends a plan's messages in order, telling after each reply's last message that it went. */
export async function sendPlanned(
  plan: ZaloPlan,
  send: (message: ZaloOutgoing) => Promise<void>,
  onReplySent: (index: number) => Promise<void> | void = () => {},
): Promise<void> {
  for (const [k, message] of plan.messages.entries()) {
    await send(message);
    if (plan.replyOf[k + 1] !== plan.replyOf[k]) await onReplySent(plan.replyOf[k]!);
  }
}

/** `1. Label` lines and how to answer them, in the person's language. */
export function numberedList(choices: readonly NumberedChoice[], tr: Translator): string {
  const lines = choices.map((c) => tr.t('zalo:choices.line', { number: c.number, label: c.label }));
  const first = choices[0]!.number;
  const last = choices.at(-1)!.number;
  lines.push(first === last ? tr.t('zalo:choices.hintOne', { number: first }) : tr.t('zalo:choices.hint', { first, last }));
  return lines.join('\n');
}

function withLinks(reply: Reply, tr: Translator): string {
  const links = (reply.links ?? []).map((l) => tr.t('zalo:link', { label: l.label, url: l.url }));
  return [reply.text, ...links].filter((t) => t.trim() !== '').join('\n');
}

/** A caption that does not fit under a picture or a file is sent as a text after it. */
function captionOf(caption: string | undefined, limit: number, overflow: string[]): { caption?: string } {
  if (!caption) return {};
  if (caption.length <= limit) return { caption };
  overflow.push(caption);
  return {};
}
