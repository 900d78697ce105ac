// A Telegram update as the engine sees it. Only private chats are served: in a group,
// one chat id would mix several people's conversations. A file a person sends comes with
// a reference the engine's modules may download; its content is fetched only then.
import type { CallbackQuery, Document, Message, Update } from 'grammy/types';
import type { Inbound, InboundEvent, InboundFile } from '../../bot/types.js';
import type { TelegramFileDownload } from './fileDownload.js';
import { choiceEvent } from '../../bot/inputLimit.js';
import { typedEvent } from '../../bot/typedLine.js';

/** `download`: how the channel fetches a file a person sent (none: files come as bare media). */
export function toInbound(update: Update, download?: TelegramFileDownload): Inbound | undefined {
  if (update.message) return fromMessage(update.message, download);
  if (update.callback_query) return fromCallbackQuery(update.callback_query);
  return undefined;
}

function fromMessage(message: Message, download: TelegramFileDownload | undefined): Inbound | undefined {
  if (message.chat.type !== 'private') return undefined;
  const event = messageEvent(message, download);
  if (!event) return undefined;
  return withIdentity(message.chat.id, message.from?.language_code, event);
}

function fromCallbackQuery(query: CallbackQuery): Inbound | undefined {
  if (query.data === undefined || query.data === '') return undefined;
  const chat = query.message?.chat;
  if (chat && chat.type !== 'private') return undefined;
  // In a private chat the chat id is the person's user id.
  return withIdentity(chat?.id ?? query.from.id, query.from.language_code, choiceEvent(query.data));
}

function messageEvent(message: Message, download: TelegramFileDownload | undefined): InboundEvent | undefined {
  if (message.text !== undefined) return textEvent(message.text);
  if (message.photo) return { kind: 'media', mediaKind: 'image' };
  if (message.document) {
    const file = download && fileOf(message.document, download);
    return file ? { kind: 'media', mediaKind: 'file', file } : { kind: 'media', mediaKind: 'file' };
  }
  if (message.sticker || message.voice || message.audio || message.video || message.video_note || message.animation)
    return { kind: 'media', mediaKind: 'other' };
  if (message.location || message.contact || message.venue || message.poll || message.dice)
    return { kind: 'media', mediaKind: 'other' };
  // Service messages (a pinned message, a changed chat photo…) are nothing to answer.
  return undefined;
}

/** What Telegram says of the file, each field only when it has the type Telegram gives it. */
function fileOf(document: Document, download: TelegramFileDownload): InboundFile | undefined {
  const {
    file_id: fileId,
    file_name: name,
    file_size: size,
    mime_type: mimeType,
  } = document as Partial<Record<keyof Document, unknown>>;
  if (typeof fileId !== 'string' || fileId === '') return undefined;
  return {
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    ...(typeof size === 'number' && Number.isFinite(size) ? { size } : {}),
    ...(typeof mimeType === 'string' && mimeType !== '' ? { mimeType } : {}),
    download: () => download(fileId),
  };
}

/** `/name`, `/name@bot`, `/name args` or text; over the input cap, text passed on unread. */
export function textEvent(text: string): InboundEvent {
  return typedEvent(text);
}

function withIdentity(chatId: number, languageHint: string | undefined, event: InboundEvent): Inbound {
  const inbound: Inbound = { channel: 'telegram', externalId: String(chatId), event };
  if (languageHint) inbound.languageHint = languageHint;
  return inbound;
}
