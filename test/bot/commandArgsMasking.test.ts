// A command's arguments reach it masked however the command came: typed, tapped (a button
// whose data is a command line), or opened by a link (`/start name-args`). Button data is
// only a label's id on honest clients, but a crafted or copied one is personal input too.
import { describe, expect, it } from 'vitest';
import { fixtureBot, texts } from '../support/fixtureEngine.js';

const WARNING = /Không bao giờ gửi mã OTP/;

describe('command arguments from buttons and links', () => {
  it.each([
    ['typed', { kind: 'command' as const, name: 'echo', args: 'cccd 079095001234' }],
    ['tapped', { kind: 'choice' as const, id: '/echo cccd 079095001234' }],
    ['linked', { kind: 'start' as const, payload: 'echo-cccd 079095001234' }],
  ])('%s: the command sees the ID number masked, and the person is warned', async (_how, event) => {
    const bot = await fixtureBot();
    const replies = await bot.turn(event);
    expect(texts(replies)).toContain('echo cccd [***]');
    expect(texts(replies).join('\n')).not.toContain('079095001234');
    expect(texts(replies)[0]).toMatch(WARNING);
  });

  it('masks a password in a tapped command line, and warns only once', async () => {
    const bot = await fixtureBot();
    expect(texts(await bot.turn({ kind: 'choice', id: '/echo pw: Hunter42x' }))).toEqual([
      expect.stringMatching(WARNING),
      'echo pw: [***]',
    ]);
    expect(texts(await bot.turn({ kind: 'choice', id: '/echo otp của tôi là 112233' }))).toEqual(['echo otp của tôi là [***]']);
  });

  it('leaves ordinary button data alone', async () => {
    const bot = await fixtureBot();
    expect(texts(await bot.turn({ kind: 'choice', id: '/echo BT-BATRI' }))).toEqual(['echo BT-BATRI']);
    expect(texts(await bot.turn({ kind: 'start', payload: 'echo-AB12' }))).toEqual(['echo AB12']);
  });
});
