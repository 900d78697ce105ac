// A verified OA webhook body, as what the bot should do about it. Only a person's own
// actions count: `oa_*` echoes of our sends, delivery receipts and every other event are
// ignored. An image or a file is never fetched: the engine only learns that one came.
import { z } from 'zod';

/** Zalo ids exceed 2^53: kept as strings (a number would already have lost digits). */
const id = z.union([z.string().min(1), z.number()]).transform(String);

/** What the MAC and the app check need, read before the signature is verified. */
export const OaEnvelope = z.looseObject({ app_id: id, timestamp: id, event_name: z.string().optional().catch(undefined) });
export type OaEnvelope = z.infer<typeof OaEnvelope>;

/** Every field the bot reads, with its type; read only once the signature is verified. */
export const OaEventBody = z.looseObject({
  app_id: id,
  event_name: z.string().min(1),
  timestamp: id,
  sender: z.looseObject({ id }).optional(),
  follower: z.looseObject({ id }).optional(),
  message: z
    .looseObject({
      msg_id: z.string().optional(),
      text: z.string().optional(),
    })
    .optional(),
});
export type OaEventBody = z.infer<typeof OaEventBody>;

export type OaIncoming =
  { kind: 'text'; text: string } | { kind: 'media'; mediaKind: 'image' | 'file' } | { kind: 'follow' } | { kind: 'unfollow' };

export interface OaAction {
  userId: string;
  /** Stable across Zalo's redeliveries of the same event. */
  dedupeKey: string;
  incoming: OaIncoming;
}

export function oaAction(body: OaEventBody): OaAction | undefined {
  switch (body.event_name) {
    case 'user_send_text': {
      const text = body.message?.text;
      if (!body.sender || text === undefined || text.trim() === '') return undefined;
      return fromMessage(body, body.sender.id, { kind: 'text', text });
    }
    case 'user_send_image':
      return body.sender ? fromMessage(body, body.sender.id, { kind: 'media', mediaKind: 'image' }) : undefined;
    case 'user_send_file':
      return body.sender ? fromMessage(body, body.sender.id, { kind: 'media', mediaKind: 'file' }) : undefined;
    case 'follow':
    case 'unfollow': {
      const userId = body.follower?.id ?? body.sender?.id;
      if (!userId) return undefined;
      return { userId, dedupeKey: `${body.event_name}:${userId}:${body.timestamp}`, incoming: { kind: body.event_name } };
    }
    default:
      return undefined;
  }
}

function fromMessage(body: OaEventBody, userId: string, incoming: OaIncoming): OaAction {
  const messageId = body.message?.msg_id;
  // Without a message id, the sender and Zalo's timestamp still identify a redelivery.
  const dedupeKey = messageId ? `msg:${messageId}` : `${body.event_name}:${userId}:${body.timestamp}`;
  return { userId, dedupeKey, incoming };
}
