// A Bot Platform webhook body as what the bot should do about it. Zalo's samples wrap the
// update in `{ok, result}`, other clients see it bare: both are accepted. Only private
// chats are served (a group chat would mix several people's conversations).
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number()]).transform(String);

const BotUpdate = z.looseObject({
  event_name: z.string().min(1),
  message: z.looseObject({
    message_id: id.optional(),
    from: z.looseObject({ id, is_bot: z.boolean().optional() }).optional(),
    chat: z.looseObject({ id, chat_type: z.string().optional() }),
    text: z.string().optional(),
    date: z.union([z.number(), z.string()]).optional(),
  }),
});
export type BotUpdate = z.infer<typeof BotUpdate>;

export type BotIncoming = { kind: 'text'; text: string } | { kind: 'media'; mediaKind: 'image' };

export interface BotAction {
  chatId: string;
  dedupeKey: string;
  incoming: BotIncoming;
}

/**
 * The update in a verified body: `undefined` when the body is not even a JSON object, the
 * zod error when it is one whose fields have the wrong types.
 */
export function readBotUpdate(body: unknown): { ok: true; update: BotUpdate } | { ok: false; error: z.ZodError } | undefined {
  const inner = isObject(body) && 'result' in body ? body.result : body;
  if (!isObject(inner)) return undefined;
  const parsed = BotUpdate.safeParse(inner);
  return parsed.success ? { ok: true, update: parsed.data } : { ok: false, error: parsed.error };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function botAction(update: BotUpdate): BotAction | undefined {
  const { message } = update;
  if (message.from?.is_bot) return undefined;
  if (message.chat.chat_type !== undefined && message.chat.chat_type !== 'PRIVATE') return undefined;
  const incoming = incomingOf(update);
  if (!incoming) return undefined;
  const chatId = message.chat.id;
  const dedupeKey = message.message_id
    ? `${update.event_name}:${message.message_id}`
    : `${update.event_name}:${chatId}:${String(message.date ?? '')}`;
  return { chatId, dedupeKey, incoming };
}

function incomingOf(update: BotUpdate): BotIncoming | undefined {
  switch (update.event_name) {
    case 'message.text.received': {
      const text = update.message.text;
      return text !== undefined && text.trim() !== '' ? { kind: 'text', text } : undefined;
    }
    case 'message.image.received':
      return { kind: 'media', mediaKind: 'image' };
    default:
      return undefined;
  }
}
