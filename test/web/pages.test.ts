// What each official sees on the dashboard, decided by the same permission function as the
// chat's commands, and what the reporting board's actions do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { periodForDeadlineDay } from '../../src/campaign/reports/week.js';
import type { ReportFigures } from '../../src/campaign/reports/figures.js';
import { dashboardBot, type DashboardBot } from './support/dashboardBot.js';

const WEEK = '2023-12-08';

let bot: DashboardBot;
beforeEach(async () => {
  bot = await dashboardBot();
});
afterEach(async () => {
  await bot.close();
});

async function signedIn(externalId: string, unit: string, role: 'compiler' | 'head' | 'reporter') {
  const person = await bot.official(externalId, unit, role);
  return { person, browser: (await bot.signIn(await bot.linkFor(person))).browser };
}

async function file(
  unit: string,
  personId: number,
  extra: Partial<ReportFigures> = {},
  at = new Date('2023-12-08T09:00:00+07:00'),
) {
  const definition = (await bot.store.campaigns.campaignFor(unit, WEEK))!;
  const figures: ReportFigures = {
    receivedTotal: 100,
    receivedOnline: 40,
    digitized: 50,
    feeDossiers: 20,
    paidOnline: 5,
    accountsHelped: 3,
    paymentsHelped: 1,
    difficulties: '',
    proposals: '',
    ...extra,
  };
  await bot.store.reports.submitReport({
    unitCode: unit,
    period: periodForDeadlineDay(definition, 'weekly', WEEK)!,
    figures,
    personId,
    at,
  });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('who sees what', () => {
  it('keeps a district head to their own district, on every page', async () => {
    const { browser } = await signedIn('head', 'BT-BATRI', 'head');
    expect((await browser.get('/web')).headers.location).toBe('/web/overview/BT-BATRI');
    for (const page of ['overview', 'unit', 'reports', 'downloads']) {
      expect((await browser.get(`/web/${page}/BT-BATRI`)).statusCode).toBe(200);
      expect((await browser.get(`/web/${page}/BT-BATRI-TANMY`)).statusCode).toBe(200);
      const other = await browser.get(`/web/${page}/BT-CHOLACH`);
      expect(other.statusCode).toBe(403);
      // A refusal names no unit.
      expect(other.body).not.toContain('Chợ Lách');
      expect((await browser.get(`/web/${page}/BT`)).statusCode).toBe(403);
    }
    expect((await browser.get('/web/downloads/BT-CHOLACH/weekly-2023-12-08.xlsx')).statusCode).toBe(403);
  });

  it('shows a commune reporter their own figures and board, not the downloads', async () => {
    const { browser } = await signedIn('reporter', 'BT-BATRI-TANMY', 'reporter');
    const own = await browser.get('/web/overview/BT-BATRI-TANMY');
    expect(own.statusCode).toBe(200);
    // The navigation offers only the pages the role opens.
    expect(own.body).toContain('/web/reports/BT-BATRI-TANMY');
    expect(own.body).not.toContain('/web/downloads/');
    expect((await browser.get('/web/overview/BT-BATRI')).statusCode).toBe(403);
    expect((await browser.get('/web/downloads/BT-BATRI-TANMY')).statusCode).toBe(403);
  });

  it('closes the pages as soon as the role is withdrawn in the chat', async () => {
    const { person, browser } = await signedIn('head', 'BT-BATRI', 'head');
    expect((await browser.get('/web/overview/BT-BATRI')).statusCode).toBe(200);
    await bot.store.roles.revokeRole(await person.personId(), 'BT-BATRI', 'head');
    expect((await browser.get('/web/overview/BT-BATRI')).statusCode).toBe(403);
    expect((await browser.get('/web')).statusCode).toBe(403);
  });

  it('asks for a sign-in without a session, and puts no personal data in any address', async () => {
    const anonymous = bot.browser();
    const page = await anonymous.get('/web/overview/BT');
    expect(page.statusCode).toBe(401);
    expect(page.body).not.toContain('Ba Tri');

    const { browser } = await signedIn('clerk', 'BT-SO-TTTT', 'compiler');
    const overview = await browser.get('/web/overview/BT');
    const hrefs = [...overview.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(20);
    for (const href of hrefs) expect(href).toMatch(/^(#main$|\/web|\/public|data:)[A-Za-z0-9/._?=&;%,-]*$/);
  });
});

describe('the overview', () => {
  it('lists the units below worst first, sorts by any column and filters by kind and parent', async () => {
    const { browser } = await signedIn('clerk', 'BT-SO-TTTT', 'compiler');
    const rows = async (path: string) => {
      const page = await browser.get(path);
      expect(page.statusCode).toBe(200);
      return [
        ...page.body.matchAll(
          /<tr>\s*<th scope="row"><a href="\/web\/unit\/([^"]+)">([^<]+)<\/a><\/th>\s*<td>([^<]*)<\/td>\s*<td class="num">[^<]*<\/td>\s*<td class="num[^"]*">([^<%]+)%/g,
        ),
      ].map((m) => ({ code: m[1]!, name: m[2]!, parent: m[3]!, online: Number(m[4]!.replace(',', '.')) }));
    };
    const worst = await rows('/web/overview/BT');
    expect(worst.length).toBeGreaterThan(10);
    expect(worst.every((r) => r.parent === 'Tỉnh Bến Tre')).toBe(true);
    for (let i = 1; i < worst.length; i++) expect(worst[i]!.online).toBeGreaterThanOrEqual(worst[i - 1]!.online);

    const best = await rows('/web/overview/BT?sort=online&dir=desc');
    expect(best[0]!.code).toBe(worst.at(-1)!.code);

    const communes = await rows('/web/overview/BT?kind=commune&parent=BT-BATRI&sort=name');
    expect(communes.length).toBeGreaterThan(5);
    expect(communes.every((r) => r.code.startsWith('BT-BATRI-') && r.parent === 'Huyện Ba Tri')).toBe(true);
    const names = communes.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));

    // Every commune of the province, with its district beside it to tell namesakes apart.
    const all = await rows('/web/overview/BT?kind=commune');
    expect(new Set(all.map((r) => r.parent)).size).toBeGreaterThan(5);
  });

  it('offers in its kind filter only the kinds of unit the unit has below it', async () => {
    const { browser } = await signedIn('clerk', 'BT-SO-TTTT', 'compiler');
    const kindsOffered = async (path: string) => {
      const body = (await browser.get(path)).body;
      const select = /<select id="kind" name="kind">([\s\S]*?)<\/select>/.exec(body)![1]!;
      return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    };
    expect(await kindsOffered('/web/overview/BT')).toEqual(['', 'department', 'district', 'commune']);
    expect(await kindsOffered('/web/overview/BT-BATRI')).toEqual(['', 'commune']);
    // A kind asked for in the address stays chosen, even with nothing of it below.
    expect(await kindsOffered('/web/overview/BT-BATRI?kind=district')).toEqual(['', 'district', 'commune']);
  });

  it('shows the rates in Vietnamese style, the chart, and English on request', async () => {
    const { browser } = await signedIn('clerk', 'BT-SO-TTTT', 'compiler');
    const vi = await browser.get('/web/overview/BT');
    expect(text(vi.body)).toMatch(/Hồ sơ trực tuyến \d{1,2},\d% \(\d{1,3}(\.\d{3})*\/\d{1,3}(\.\d{3})*\)/);
    expect(vi.body).toContain('<svg');
    expect(vi.body).toMatch(/<html lang="vi">/);
    const switched = await browser.get('/web/lang/en?back=/web/overview/BT');
    expect(switched.headers.location).toBe('/web/overview/BT');
    const en = await browser.get('/web/overview/BT');
    expect(en.body).toMatch(/<html lang="en">/);
    expect(text(en.body)).toContain('Campaign to date');
    // Never an open redirect.
    expect((await browser.get('/web/lang/vi?back=https://example.com/')).headers.location).toBe('/web');
  });

  it('has a wall-screen mode that refreshes itself', async () => {
    const { browser } = await signedIn('clerk', 'BT-SO-TTTT', 'compiler');
    const wall = await browser.get('/web/overview/BT?wall=1');
    expect(wall.body).toMatch(/<meta http-equiv="refresh" content="300">/);
    expect(wall.body).not.toContain('<nav aria-label');
  });
});

describe('the reporting board', () => {
  it("shows filed, late and missing units, with the filer's role and the difficulties, escaped", async () => {
    const reporter = await bot.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await file('BT-BATRI-TANMY', await reporter.personId(), {
      difficulties: 'Thiếu máy <script>alert(1)</script> ở bộ phận một cửa',
    });
    const late = await bot.official('reporter-anduc', 'BT-BATRI-ANDUC', 'reporter');
    await file('BT-BATRI-ANDUC', await late.personId(), {}, new Date('2023-12-08T11:00:00+07:00'));

    const { browser } = await signedIn('head', 'BT-BATRI', 'head');
    const board = await browser.get('/web/reports/BT-BATRI');
    expect(board.statusCode).toBe(200);
    const page = text(board.body);
    expect(page).toMatch(/Xã Tân Mỹ Huyện Ba Tri Đúng hạn thứ Sáu 08\/12\/2023 09:00 cán bộ báo cáo/i);
    expect(page).toMatch(/An Đức Huyện Ba Tri Trễ hạn/);
    expect(page).toContain('Chưa báo cáo');
    expect(board.body).not.toContain('<script>');
    expect(board.body).toContain('&lt;script&gt;');
    expect(page).not.toContain('reporter-tanmy');

    // The clerk's Friday list: only the units still missing.
    const missing = text((await browser.get('/web/reports/BT-BATRI?state=missing')).body);
    expect(missing).toContain('Chưa báo cáo');
    expect(missing).not.toMatch(/Tân Mỹ|Đúng hạn thứ|Trễ hạn thứ/);
  });

  it('reminds the missing units once a day, like /tonghop nhac, and records it', async () => {
    const missing = await bot.official('reporter-anhiep', 'BT-BATRI-ANHIEP', 'reporter');
    await missing.start();
    const { browser } = await signedIn('head', 'BT-BATRI', 'head');
    const countQueued = async () =>
      (await bot.store.sql.selectFrom('outbox_message').select('person_id').where('purpose', '=', 'report-reminder').execute())
        .length;

    // Post/Redirect/Get: the action answers with the board's address, which says what was done once.
    const done = await browser.submit('/web/reports/BT-BATRI', '/web/reports/BT-BATRI/remind');
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/web/reports/BT-BATRI');
    const board = await browser.get('/web/reports/BT-BATRI');
    expect(text(board.body)).toContain('Đã xếp lịch nhắc 1 đơn vị chưa báo cáo (1 tin nhắn mới)');
    expect(text((await browser.get('/web/reports/BT-BATRI')).body)).not.toContain('Đã xếp lịch nhắc');
    const queued = await countQueued();
    expect(queued).toBe(1);
    const rows = await bot.store.sql.selectFrom('outbox_message').selectAll().where('purpose', '=', 'report-reminder').execute();
    expect(rows[0]!.person_id).toBe(await missing.personId());

    await browser.submit('/web/reports/BT-BATRI', '/web/reports/BT-BATRI/remind');
    expect(await countQueued()).toBe(1);
    const audit = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'report.reminded');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ unitCode: 'BT-BATRI', actorId: expect.any(Number) });
  });

  it('refuses the remind action without its CSRF token, or to a role that may not remind', async () => {
    const { browser } = await signedIn('head', 'BT-BATRI', 'head');
    const forged = await bot.app.inject({
      method: 'POST',
      url: '/web/reports/BT-BATRI/remind',
      headers: { cookie: `dvc_session=${browser.cookies.dvc_session}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    const other = await browser.submit('/web/reports/BT-BATRI', '/web/reports/BT-CHOLACH/remind');
    expect(other.statusCode).toBe(403);
    const queued = await bot.store.sql
      .selectFrom('outbox_message')
      .select('id')
      .where('purpose', '=', 'report-reminder')
      .execute();
    expect(queued).toHaveLength(0);
  });
});

describe('downloads', () => {
  it('sends the compiled workbook of a period and records the export', async () => {
    const { browser } = await signedIn('head', 'BT-BATRI', 'head');
    const list = await browser.get('/web/downloads/BT-BATRI');
    expect(list.body).toContain('/web/downloads/BT-BATRI/weekly-2023-12-08.xlsx');
    const file = await browser.get('/web/downloads/BT-BATRI/weekly-2023-12-08.xlsx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('bao-cao-tuan-BT-BATRI-2023-12-08.xlsx');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await browser.get('/web/downloads/BT-BATRI/weekly-2031-01-03.xlsx')).statusCode).toBe(404);
    const audit = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'report.exported');
    expect(audit).toHaveLength(1);
  });
});

describe('addresses that are not pages', () => {
  it("answers an unknown address outside the dashboard as the API does (JSON), keeping the dashboard's page for its own", async () => {
    const api = await bot.app.inject({ method: 'POST', url: '/webhook/nothing-here', payload: {} });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.json()).toMatchObject({ statusCode: 404 });
    const page = await bot.app.inject({ method: 'GET', url: '/web/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(text(page.body)).toContain('Không tìm thấy trang');
  });
});

describe('the public page', () => {
  it('is off unless configured', async () => {
    expect((await bot.app.inject({ method: 'GET', url: '/public' })).statusCode).toBe(404);
  });

  it("shows the province's rates and no unit below it", async () => {
    const open = await dashboardBot({ env: { PUBLIC_DASHBOARD: 'true' } });
    try {
      const page = await open.app.inject({ method: 'GET', url: '/public' });
      expect(page.statusCode).toBe(200);
      expect(text(page.body)).toContain('Tỉnh Bến Tre');
      expect(text(page.body)).toMatch(/Hồ sơ trực tuyến \d{1,2},\d%/);
      expect(page.body).not.toMatch(/Huyện|Xã |Sở /);
    } finally {
      await open.close();
    }
    const withUnits = await dashboardBot({ env: { PUBLIC_DASHBOARD: 'true', PUBLIC_DASHBOARD_UNITS: 'true' } });
    try {
      const page = await withUnits.app.inject({ method: 'GET', url: '/public' });
      expect(page.body).toContain('Huyện Ba Tri');
      expect(page.body).not.toContain('Xã Tân Mỹ');
    } finally {
      await withUnits.close();
    }
  });
});
