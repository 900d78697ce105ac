// Sends a planned batch to one person through the OA API, in order. A picture or a file
// Zalo will not take is replaced by a sentence saying so rather than lost in silence;
// a refused button list is sent as the numbered text it stands for, and the channel is
// told so it stops offering buttons.
import type { Translator } from '../../../i18n/index.js';
import { classifyOaError, ZaloApiError, ZaloUnreachableError } from '../errors.js';
import type { ZaloOutgoing } from '../plan.js';
import type { ZaloOaClient } from './client.js';
import { canListAsButtons, fileMessage, imageMessage, listMessage, textMessage } from './render.js';

export interface OaSendContext {
  client: Pick<ZaloOaClient, 'sendMessage' | 'uploadImage' | 'uploadFile'>;
  tr: Translator;
  /** Called once Zalo refused a list template; later batches use numbered text. */
  onButtonsRefused(): void;
  onMediaRefused(kind: 'image' | 'file', error: ZaloApiError): void;
}

export async function sendOaMessages(ctx: OaSendContext, userId: string, messages: readonly ZaloOutgoing[]): Promise<void> {
  for (const message of messages) await sendOne(ctx, userId, message);
}

async function sendOne(ctx: OaSendContext, userId: string, message: ZaloOutgoing): Promise<void> {
  const { client, tr } = ctx;
  switch (message.kind) {
    case 'text':
      await client.sendMessage(userId, textMessage(message.text));
      return;
    case 'image':
      try {
        const attachmentId = await client.uploadImage(message.png);
        await client.sendMessage(userId, imageMessage(attachmentId, message.caption));
      } catch (error) {
        if (!isMediaRefusal(error)) throw error;
        ctx.onMediaRefused('image', error);
        const text = [message.caption, tr.t('zalo:image.notSent')].filter(Boolean).join('\n\n');
        await client.sendMessage(userId, textMessage(text));
      }
      return;
    case 'file':
      try {
        const fileToken = await client.uploadFile(message.bytes, message.filename);
        await client.sendMessage(userId, fileMessage(fileToken));
        if (message.caption) await client.sendMessage(userId, textMessage(message.caption));
      } catch (error) {
        if (!isMediaRefusal(error)) throw error;
        ctx.onMediaRefused('file', error);
        const text = [message.caption, tr.t('zalo:document.notHere', { filename: message.filename })]
          .filter(Boolean)
          .join('\n\n');
        await client.sendMessage(userId, textMessage(text));
      }
      return;
    case 'buttons':
      if (!canListAsButtons(message.choices)) {
        await client.sendMessage(userId, textMessage(message.fallbackText));
        return;
      }
      try {
        await client.sendMessage(userId, listMessage(message.choices));
      } catch (error) {
        if (!(error instanceof ZaloApiError) || classifyOaError(error.code) !== 'unsupported') throw error;
        ctx.onButtonsRefused();
        await client.sendMessage(userId, textMessage(message.fallbackText));
      }
      return;
  }
}

/** Zalo refused the content itself (size, type): not a reason to stop the conversation. */
function isMediaRefusal(error: unknown): error is ZaloApiError {
  if (!(error instanceof ZaloApiError) || error instanceof ZaloUnreachableError) return false;
  const kind = classifyOaError(error.code);
  return kind === 'unsupported' || kind === 'too_long' || kind === 'permanent';
}
