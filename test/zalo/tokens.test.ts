// The token chain: a refresh token is single-use, so however many messages go out while
// the access token expires, Zalo sees exactly one refresh, and the new pair is on disk.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ID } from './support/fakeZalo.js';
import { oaHarness, type OaHarness } from './support/oaHarness.js';

let h: OaHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const person = (i: number) => `61424948230000${String(i).padStart(5, '0')}`;

describe('Zalo OA tokens', () => {
  it('refreshes once for many sends while the token is about to expire, and keeps the new pair', async () => {
    h = await oaHarness({ expiresInSeconds: 60 });
    h.zalo.refreshDelayMs = 30;
    await Promise.all(Array.from({ length: 25 }, (_, i) => h!.channel.send(person(i), [{ text: `Nhắc việc ${i}` }])));
    expect(h.zalo.refreshCalls).toEqual([{ refreshToken: 'RT-0', accepted: true }]);
    expect(h.zalo.delivered).toHaveLength(25);
    expect(new Set(h.zalo.delivered.map((c) => c.accessToken))).toEqual(new Set(['AT-1']));
    const stored = (await h.tokens.get(APP_ID))!;
    expect(stored.accessToken).toBe('AT-1');
    expect(stored.refreshToken).toBe('RT-1');
    // expires_in is Zalo's string "90000": 25 hours.
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(24.9 * 3600_000);
    expect(await h.channel.health()).toEqual({ ok: true });
  });

  it('refreshes once when Zalo calls a still-fresh token invalid, and retries each message once', async () => {
    h = await oaHarness();
    h.zalo.refreshDelayMs = 30;
    h.zalo.revokeAccessToken();
    await Promise.all(Array.from({ length: 10 }, (_, i) => h!.channel.send(person(i), [{ text: `Tin ${i}` }])));
    expect(h.zalo.refreshCalls).toHaveLength(1);
    expect(h.zalo.delivered.map((c) => c.message.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Tin ${i}`).sort());
    expect(h.zalo.csCalls).toHaveLength(20);
  });

  it('keeps the chain across sends spread over several expiries', async () => {
    h = await oaHarness({ expiresInSeconds: 60 });
    for (let round = 1; round <= 3; round++) {
      await Promise.all([1, 2, 3].map((i) => h!.channel.send(person(i), [{ text: 'x' }])));
      expect(h.zalo.current.refreshToken).toBe(`RT-${round}`);
      // Make the stored token near its end again.
      const stored = (await h.tokens.get(APP_ID))!;
      await h.tokens.save(APP_ID, { ...stored, expiresAt: new Date(Date.now() + 30_000) }, new Date());
    }
    expect(h.zalo.refreshCalls.every((c) => c.accepted)).toBe(true);
    expect(h.zalo.refreshCalls).toHaveLength(3);
  });

  it('asks for a new consent, clearly and once, when Zalo refuses the refresh token', async () => {
    h = await oaHarness({ expiresInSeconds: -10 });
    // Someone else spent the refresh token: the stored one is no longer honoured.
    h.zalo.current.refreshToken = 'RT-elsewhere';
    await expect(h.channel.send(person(1), [{ text: 'x' }])).rejects.toThrow(/consent/);
    await expect(h.channel.send(person(2), [{ text: 'y' }])).rejects.toThrow(/consent/);
    expect(h.zalo.refreshCalls).toHaveLength(1);
    expect(h.zalo.delivered).toEqual([]);
    expect(await h.channel.health()).toEqual({ ok: false, detail: 'zalo_oa_consent_needed' });
    const consentLines = h.log.lines.filter((l) => l.level === 'error' && /consent again/.test(l.msg ?? ''));
    expect(consentLines).toHaveLength(1);
    expect(consentLines[0]!.msg).toContain('zalo:tokens');
  });

  it('reports missing tokens in its health until the administrator stores a pair', async () => {
    h = await oaHarness({ seedTokens: false });
    expect(await h.channel.health()).toEqual({ ok: false, detail: 'zalo_oa_tokens_missing' });
    expect(h.log.text()).toContain('zalo:tokens');
    await h.tokens.save(
      APP_ID,
      { accessToken: 'AT-0', refreshToken: 'RT-0', expiresAt: new Date(Date.now() + 86_400_000) },
      new Date(),
    );
    expect(await h.channel.health()).toEqual({ ok: true });
    await h.channel.send(person(1), [{ text: 'x' }]);
    expect(h.zalo.delivered).toHaveLength(1);
  });
});
