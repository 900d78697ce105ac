// Zalo OA consultation message bodies. A list template's elements carry the choices as
// `oa.query.hide` actions: a tap sends the choice id back as the person's text without
// showing it in the chat. The list template on v3 is unconfirmed, so the channel falls
// back to the numbered text if Zalo refuses it.
import type { NumberedChoice } from '../plan.js';
import type { OaMessage } from './client.js';

/** Zalo shows at most five elements in a list. */
export const LIST_MAX_ELEMENTS = 5;
const TITLE_MAX = 100;

export function textMessage(text: string): OaMessage {
  return { text };
}

export function imageMessage(attachmentId: string, caption?: string): OaMessage {
  return {
    ...(caption ? { text: caption } : {}),
    attachment: {
      type: 'template',
      payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: attachmentId }] },
    },
  };
}

export function fileMessage(fileToken: string): OaMessage {
  return { attachment: { type: 'file', payload: { token: fileToken } } };
}

export function canListAsButtons(choices: readonly NumberedChoice[]): boolean {
  return choices.length > 0 && choices.length <= LIST_MAX_ELEMENTS;
}

export function listMessage(choices: readonly NumberedChoice[]): OaMessage {
  return {
    attachment: {
      type: 'template',
      payload: {
        template_type: 'list',
        elements: choices.map((c) => ({
          title: `${c.number}. ${c.label}`.slice(0, TITLE_MAX),
          default_action: { type: 'oa.query.hide', payload: c.id },
        })),
      },
    },
  };
}
