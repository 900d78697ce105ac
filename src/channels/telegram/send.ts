// Sends rendered messages to one chat, in order, through grammY's Api (so the 429
// back-off installed on it applies to every call).
import { type Api, InputFile } from 'grammy';
import type { Reply } from '../../bot/types.js';
import { renderReply, type RenderProblem, type TelegramMessage } from './render.js';

export type ChatId = number | string;

/** Telegram chat ids are integers; keep them as numbers when they are. */
export function chatIdOf(externalId: string): ChatId {
  return /^-?\d+$/.test(externalId) ? Number(externalId) : externalId;
}

export async function sendReplies(
  api: Api,
  chatId: ChatId,
  replies: Reply[],
  onProblem?: (p: RenderProblem) => void,
): Promise<void> {
  for (const reply of replies) for (const message of renderReply(reply, onProblem)) await sendMessage(api, chatId, message);
}

async function sendMessage(api: Api, chatId: ChatId, message: TelegramMessage): Promise<void> {
  const markup = message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {};
  switch (message.kind) {
    case 'text':
      await api.sendMessage(chatId, message.text, { ...markup, link_preview_options: { is_disabled: true } });
      return;
    case 'photo':
      await api.sendPhoto(chatId, new InputFile(message.png, 'image.png'), {
        ...markup,
        ...(message.caption ? { caption: message.caption } : {}),
      });
      return;
    case 'document':
      await api.sendDocument(chatId, new InputFile(message.bytes, message.filename), {
        ...markup,
        ...(message.caption ? { caption: message.caption } : {}),
      });
      return;
  }
}
