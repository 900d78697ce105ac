// What the bot reads of a Telegram update, typed: a verified update whose fields have other
// types is ignored with one warning, whether it came by webhook or by polling.
import { z } from 'zod';

/**
 * Every field the bot reads, with the type Telegram gives it (the rest passes through): a
 * chat id is an integer (a private chat's is the person's id), a text or button data a string.
 */
const Chat = z.looseObject({ id: z.int(), type: z.string() });
const User = z.looseObject({ id: z.int(), language_code: z.string().optional() });
export const UpdateShape = z.looseObject({
  update_id: z.int().nonnegative(),
  message: z.looseObject({ chat: Chat, from: User.optional(), text: z.string().optional() }).optional(),
  callback_query: z
    .looseObject({ id: z.string(), from: User, data: z.string().optional(), message: z.looseObject({ chat: Chat }).optional() })
    .optional(),
});
