// Signing in to the dashboard from the chat: a one-time link, valid ten minutes, that opens
// an eight-hour session in an HttpOnly, Secure, SameSite cookie; signed out from the page or
// from the chat; every sign-in and sign-out in the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardBot, type DashboardBot } from './support/dashboardBot.js';

let bot: DashboardBot;
beforeEach(async () => {
  bot = await dashboardBot();
});
afterEach(async () => {
  await bot.close();
});

describe('signing in from the chat', () => {
  it('gives an official a link that opens their province, once', async () => {
    const compiler = await bot.official('clerk', 'BT-SO-TTTT', 'compiler');
    const link = await bot.linkFor(compiler);
    expect(link).toMatch(/^http:\/\/localhost:3000\/web\/signin\?t=[A-Za-z0-9_-]{43}$/);

    const { browser, response } = await bot.signIn(link);
    expect(response.statusCode).toBe(303);
    const session = response.cookies.find((c) => c.name === 'dvc_session')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/web' });
    expect(session.maxAge).toBe(8 * 3600);

    const home = await browser.get('/web');
    expect(home.headers.location).toBe('/web/overview/BT');
    const overview = await browser.get('/web/overview/BT');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Tỉnh Bến Tre');
    expect(overview.headers['content-security-policy']).toContain("default-src 'none'");

    // The same link a second time (a forwarded message, say) opens nothing.
    const again = await bot.signIn(link);
    expect(again.response.statusCode).toBe(400);
    expect(again.response.body).toContain('/web');
    expect(again.browser.cookies.dvc_session).toBeUndefined();

    const actions = (await bot.store.audit.since(new Date(0))).map((e) => e.action);
    expect(actions.filter((a) => a === 'web.signed_in')).toHaveLength(1);
  });

  it('refuses a link older than ten minutes and a session older than eight hours', async () => {
    const head = await bot.official('head', 'BT-BATRI', 'head');
    const late = await bot.linkFor(head);
    bot.clock.now = new Date(bot.clock.now.getTime() + 10 * 60_000 + 1);
    expect((await bot.signIn(late)).response.statusCode).toBe(400);

    const { browser } = await bot.signIn(await bot.linkFor(head));
    expect((await browser.get('/web/overview/BT-BATRI')).statusCode).toBe(200);
    bot.clock.now = new Date(bot.clock.now.getTime() + 8 * 3600_000);
    const expired = await browser.get('/web/overview/BT-BATRI');
    expect(expired.statusCode).toBe(401);
    expect(expired.body).toContain('/web');
  });

  it('lets a chat preview fetch the link without spending it', async () => {
    const head = await bot.official('head', 'BT-BATRI', 'head');
    const link = await bot.linkFor(head);
    const preview = await bot.app.inject({ method: 'GET', url: link.slice(bot.baseUrl.length) });
    expect(preview.statusCode).toBe(200);
    expect((await bot.signIn(link)).response.statusCode).toBe(303);
  });

  it('signs out from the page, and from every browser with /web thoat', async () => {
    const head = await bot.official('head', 'BT-BATRI', 'head');
    const first = (await bot.signIn(await bot.linkFor(head))).browser;
    const second = (await bot.signIn(await bot.linkFor(head))).browser;
    const third = (await bot.signIn(await bot.linkFor(head))).browser;

    const out = await first.submit('/web/overview/BT-BATRI', '/web/signout');
    expect(out.statusCode).toBe(200);
    expect((await first.get('/web/overview/BT-BATRI')).statusCode).toBe(401);
    expect((await second.get('/web/overview/BT-BATRI')).statusCode).toBe(200);

    const kept = (await head.command('dulieucuatoi')).map((r) => r.text).join('\n');
    expect(kept).toContain('2 phiên làm việc đang mở');

    const replies = await head.command('web', 'thoat');
    expect(replies[0]!.text).toContain('2');
    expect((await second.get('/web/overview/BT-BATRI')).statusCode).toBe(401);
    expect((await third.get('/web/overview/BT-BATRI')).statusCode).toBe(401);

    // Signing out still works once every role is withdrawn.
    const fourth = (await bot.signIn(await bot.linkFor(head))).browser;
    await bot.store.roles.revokeRole(await head.personId(), 'BT-BATRI', 'head');
    expect((await head.command('web', 'thoat'))[0]!.text).toContain('1');
    expect((await fourth.get('/web')).statusCode).toBe(401);
    const actions = (await bot.store.audit.since(new Date(0))).map((e) => e.action);
    expect(actions.filter((a) => a === 'web.signed_out')).toHaveLength(3);
  });

  it('gives citizens no link', async () => {
    const replies = await bot.as('citizen').command('web');
    expect(replies.flatMap((r) => r.links ?? [])).toEqual([]);
    expect(replies.at(-1)!.text).toContain('/dangky');
  });

  it('refuses a sign-in form sent without its CSRF token', async () => {
    const head = await bot.official('head', 'BT-BATRI', 'head');
    const link = await bot.linkFor(head);
    const forged = await bot.app.inject({
      method: 'POST',
      url: '/web/signin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `t=${new URL(link).searchParams.get('t')}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((c) => c.name === 'dvc_session')).toBeUndefined();
  });
});
