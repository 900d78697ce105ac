// What the engine learns from a Telegram update decides what the person is answered.
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { toInbound } from '../../src/channels/telegram/inbound.js';
import { CHAT_ID, callbackUpdate, textUpdate } from './harness.js';

const withMessage = (extra: Record<string, unknown>, chatType = 'private'): Update =>
  ({
    update_id: 1,
    message: { message_id: 1, date: 0, chat: { id: CHAT_ID, type: chatType, first_name: 'An' }, ...extra },
  }) as unknown as Update;

describe('Telegram update → Inbound', () => {
  it('gives plain text to the engine as typed, with the chat id and the language hint', () => {
    expect(toInbound(textUpdate('Không nhận được OTP'))).toEqual({
      channel: 'telegram',
      externalId: String(CHAT_ID),
      languageHint: 'vi',
      event: { kind: 'text', text: 'Không nhận được OTP' },
    });
  });

  it('reads a command whatever its case and whether the bot name is attached', () => {
    expect(toInbound(textUpdate('/TienDo@trolydvc_bot  Sở TT&TT '))?.event).toEqual({
      kind: 'command',
      name: 'tiendo',
      args: 'Sở TT&TT',
    });
    expect(toInbound(textUpdate('/baocao'))?.event).toEqual({ kind: 'command', name: 'baocao', args: '' });
  });

  it('turns /start into a start event, keeping a deep-link payload exactly', () => {
    expect(toInbound(textUpdate('/start'))?.event).toEqual({ kind: 'start' });
    expect(toInbound(textUpdate('/start XA_Phu-Tuc'))?.event).toEqual({ kind: 'start', payload: 'XA_Phu-Tuc' });
  });

  it('treats a slash that is not a command as ordinary text', () => {
    expect(toInbound(textUpdate('/'))?.event).toEqual({ kind: 'text', text: '/' });
    expect(toInbound(textUpdate('/2024/hồ sơ'))?.event).toEqual({ kind: 'text', text: '/2024/hồ sơ' });
  });

  it('turns a tapped button into a choice from that chat', () => {
    expect(toInbound(callbackUpdate('f|menu|start|taikhoan'))).toMatchObject({
      externalId: String(CHAT_ID),
      event: { kind: 'choice', id: 'f|menu|start|taikhoan' },
    });
  });

  it('reports photos, files and stickers as media without their content', () => {
    expect(toInbound(withMessage({ photo: [{ file_id: 'x', file_unique_id: 'y', width: 1, height: 1 }] }))?.event).toEqual({
      kind: 'media',
      mediaKind: 'image',
    });
    expect(toInbound(withMessage({ document: { file_id: 'x', file_unique_id: 'y' } }))?.event).toEqual({
      kind: 'media',
      mediaKind: 'file',
    });
    expect(toInbound(withMessage({ sticker: { file_id: 'x' } }))?.event).toEqual({ kind: 'media', mediaKind: 'other' });
    expect(toInbound(withMessage({ voice: { file_id: 'x' } }))?.event).toEqual({ kind: 'media', mediaKind: 'other' });
  });

  it('does not answer group chats or service messages', () => {
    expect(toInbound(withMessage({ text: 'xin chào' }, 'group'))).toBeUndefined();
    expect(toInbound(withMessage({ new_chat_title: 'Tổ CĐS' }))).toBeUndefined();
    expect(toInbound({ update_id: 5, edited_message: withMessage({ text: 'x' }).message } as Update)).toBeUndefined();
  });
});
