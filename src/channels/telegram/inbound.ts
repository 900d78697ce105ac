// A Telegram update as the engine sees it. Only private chats are served: in a group,
// one chat id would mix several people's conversations.
import type { CallbackQuery, Message, Update } from 'grammy/types';
import type { Inbound, InboundEvent } from '../../bot/types.js';
import { choiceEvent } from '../../bot/inputLimit.js';
import { typedEvent } from '../../bot/typedLine.js';

export function toInbound(update: Update): Inbound | undefined {
  if (update.message) return fromMessage(update.message);
  if (update.callback_query) return fromCallbackQuery(update.callback_query);
  return undefined;
}

function fromMessage(message: Message): Inbound | undefined {
  if (message.chat.type !== 'private') return undefined;
  const event = messageEvent(message);
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

function messageEvent(message: Message): InboundEvent | undefined {
  if (message.text !== undefined) return textEvent(message.text);
  if (message.photo) return { kind: 'media', mediaKind: 'image' };
  if (message.document) return { kind: 'media', mediaKind: 'file' };
  if (message.sticker || message.voice || message.audio || message.video || message.video_note || message.animation)
    return { kind: 'media', mediaKind: 'other' };
  if (message.location || message.contact || message.venue || message.poll || message.dice)
    return { kind: 'media', mediaKind: 'other' };
  // Service messages (a pinned message, a changed chat photo…) are nothing to answer.
  return undefined;
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
