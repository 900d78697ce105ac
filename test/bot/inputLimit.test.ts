// One cap on everything a person sends. A command line, a tapped button or a start payload
// longer than the cap is never parsed nor masked: the person is asked, politely, to write
// it shorter, and stays where they were.
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/bot/inputLimit.js';
import { toInbound } from '../../src/channels/telegram/inbound.js';
import { typedAnswer } from '../../src/channels/zalo/typedAnswer.js';
import { terminalEvent } from '../../src/channels/terminal/events.js';
import { callbackUpdate, textUpdate } from '../telegram/harness.js';
import { fixtureBot, texts } from '../support/fixtureEngine.js';
import { createTestBot } from '../support/harness.js';

/** The report that stalled the server: an OTP keyword followed by a sea of spaces. */
const STALLER = `/tiendo ma${' '.repeat(200_000)}x`;
const overCap = (event: { kind: string; text?: string }) => event.kind === 'text' && event.text!.length === MAX_INPUT_CHARS + 1;

describe('the input cap in the channels', () => {
  it('Telegram passes an over-long command, button or start payload on unread', () => {
    expect(overCap(toInbound(textUpdate(STALLER))!.event as { kind: string })).toBe(true);
    expect(overCap(toInbound(textUpdate(`/start ${'a'.repeat(5000)}`))!.event as { kind: string })).toBe(true);
    expect(overCap(toInbound(callbackUpdate(`/echo ${'1'.repeat(5000)}`))!.event as { kind: string })).toBe(true);
    // At the cap, a command is still a command.
    expect(toInbound(textUpdate(`/echo ${'a'.repeat(MAX_INPUT_CHARS - 6)}`))!.event).toMatchObject({
      kind: 'command',
      name: 'echo',
    });
  });

  it('Zalo and the terminal chat do the same before reading a number, a label or a command', () => {
    const menu = [{ id: 'f|menu|home|a', label: 'Một' }];
    expect(overCap(typedAnswer(STALLER, menu) as { kind: string })).toBe(true);
    expect(overCap(typedAnswer(`${' '.repeat(5000)}1`, menu) as { kind: string })).toBe(true);
    expect(overCap(terminalEvent(STALLER, menu) as { kind: string })).toBe(true);
  });
});

describe('the input cap in the engine', () => {
  it.each([
    ['a command with long arguments', { kind: 'command' as const, name: 'echo', args: `ma${' '.repeat(60_000)}x` }],
    ['a long tapped button', { kind: 'choice' as const, id: `/echo ${'9'.repeat(5000)}` }],
    ['a long start payload', { kind: 'start' as const, payload: `echo-${'9'.repeat(5000)}` }],
  ])('answers %s "too long" with the current step, and runs nothing', async (_name, event) => {
    const bot = await fixtureBot();
    await bot.turn({ kind: 'command', name: 'guide', args: '' });
    const replies = await bot.turn(event);
    expect(texts(replies)[0]).toMatch(/dài quá/);
    expect(texts(replies)).toContain('Bước một');
    expect(texts(replies).join()).not.toMatch(/^echo/m);
  });

  it('answers the reported /tiendo line at once through the whole bot', async () => {
    const bot = await createTestBot();
    try {
      const tooLong = (replies: { text: string }[]) => replies.some((r) => /dài quá/.test(r.text));
      expect(tooLong(await bot.send(STALLER))).toBe(true);
      expect(tooLong(await bot.command('tiendo', `ma${' '.repeat(200_000)}x`))).toBe(true);
      expect(tooLong(await bot.tapId(`/tiendo ma${' '.repeat(200_000)}x`))).toBe(true);
    } finally {
      await bot.close();
    }
  });
});
