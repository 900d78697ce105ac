// A channel-neutral Reply as Telegram messages: the picture and the file first, then the
// text (split under Telegram's limit), with the choices and links as an inline keyboard
// on the last message so the buttons sit right under what they answer.
import type { InlineKeyboardButton } from 'grammy/types';
import { CHOICE_ID_MAX_BYTES, type Reply } from '../../bot/types.js';
import { splitForTelegram } from './splitText.js';

/** Telegram's limit for a photo's or a file's caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

export type InlineKeyboard = InlineKeyboardButton[][];

export type TelegramMessage =
  | { kind: 'text'; text: string; keyboard?: InlineKeyboard }
  | { kind: 'photo'; png: Uint8Array; caption?: string; keyboard?: InlineKeyboard }
  | { kind: 'document'; filename: string; bytes: Uint8Array; caption?: string; keyboard?: InlineKeyboard };

export interface RenderProblem {
  /** A choice id Telegram would refuse as callback_data; its button is left out. */
  oversizedChoiceId: string;
}

export function renderReply(reply: Reply, onProblem: (p: RenderProblem) => void = () => {}): TelegramMessage[] {
  const messages: TelegramMessage[] = [];
  const texts: string[] = [];

  if (reply.image) {
    const { caption, overflow } = fitCaption(reply.image.caption);
    messages.push({ kind: 'photo', png: reply.image.png, ...(caption ? { caption } : {}) });
    if (overflow) texts.push(overflow);
  }
  if (reply.document) {
    const { caption, overflow } = fitCaption(reply.document.caption);
    const { filename, bytes } = reply.document;
    messages.push({ kind: 'document', filename, bytes, ...(caption ? { caption } : {}) });
    if (overflow) texts.push(overflow);
  }
  // Telegram refuses a button to a host without a dot (a local trial's http://localhost) and
  // with it the whole message: such a link is written out in the text instead.
  const written = (reply.links ?? []).filter((l) => !buttonAccepted(l.url));
  texts.push([reply.text, ...written.map((l) => `🔗 ${l.label}: ${l.url}`)].filter((t) => t !== '').join('\n'));
  for (const text of texts) for (const part of splitForTelegram(text)) messages.push({ kind: 'text', text: part });

  const keyboard = inlineKeyboard(reply, onProblem);
  const last = messages.at(-1);
  if (keyboard && last) last.keyboard = keyboard;
  return messages;
}

function inlineKeyboard(reply: Reply, onProblem: (p: RenderProblem) => void): InlineKeyboard | undefined {
  const rows: InlineKeyboard = [];
  for (const choice of reply.choices ?? []) {
    if (Buffer.byteLength(choice.id, 'utf8') > CHOICE_ID_MAX_BYTES) {
      onProblem({ oversizedChoiceId: choice.id });
      continue;
    }
    rows.push([{ text: choice.label, callback_data: choice.id }]);
  }
  for (const link of reply.links ?? []) if (buttonAccepted(link.url)) rows.push([{ text: link.label, url: link.url }]);
  return rows.length > 0 ? rows : undefined;
}

function buttonAccepted(url: string): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  return host.includes('.');
}

/** A caption too long for Telegram travels as a text message of its own instead. */
function fitCaption(caption: string | undefined): { caption?: string; overflow?: string } {
  if (!caption) return {};
  return caption.length <= TELEGRAM_CAPTION_LIMIT ? { caption } : { overflow: caption };
}
