// The dashboard end to end in a real browser (Debian's Chromium through playwright-core):
// what an official sees after opening the link the chat sent, with its cookies, forms,
// redirects, downloads and Content Security Policy as Chromium applies them. One browser for
// the file, a fresh context (no cookies) for each test, the Bến Tre demo data as of DEMO_NOW.
// Every page must open without a console error, an uncaught exception or a CSP violation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { RATE_NAMES, type Counts, fractionOf } from '../../src/campaign/kpi.js';
import { unitProgress, type UnitProgress } from '../../src/campaign/progress/unitProgress.js';
import { compareUnitNames } from '../../src/campaign/units/nameOrder.js';
import { provinceDay } from '../../src/campaign/weeks.js';
import type { TestPerson } from '../support/harness.js';
import { DEMO_NOW, type DashboardBot } from './support/dashboardBot.js';
import {
  chromiumMissing,
  launchChromium,
  openTab,
  servedDashboard,
  settled,
  type Tab,
  type TabOptions,
} from './support/browser.js';

if (chromiumMissing) console.log(chromiumMissing);

const RATE_LABELS = ['Hồ sơ trực tuyến', 'Thanh toán trực tuyến', 'Số hóa hồ sơ'];
const count = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "35,5% (9.864/27.815)": a rate as the page prints it, computed here from the counts. */
function rateText(counts: Counts, name: (typeof RATE_NAMES)[number]): string {
  const f = fractionOf(counts, name);
  return `${percent.format((f.rate ?? 0) * 100)}% (${count.format(f.numerator)}/${count.format(f.denominator)})`;
}

async function progressOf(bot: DashboardBot, code: string): Promise<UnitProgress> {
  const lookup = await unitProgress(bot.store, code, provinceDay(DEMO_NOW));
  if (lookup.status !== 'ok') throw new Error(`no progress for ${code}`);
  return lookup.progress;
}

describe.skipIf(chromiumMissing !== undefined)('the dashboard in Chromium', { timeout: 30_000 }, () => {
  let browser: Browser;
  /** No public page. */
  let bot: DashboardBot;
  /** PUBLIC_DASHBOARD=true. */
  let publicProvince: DashboardBot;
  /** PUBLIC_DASHBOARD=true and PUBLIC_DASHBOARD_UNITS=true. */
  let publicUnits: DashboardBot;
  let compiler: TestPerson;
  let tabs: Tab[] = [];

  beforeAll(async () => {
    // Every bot seeded before the first page opens: see settled().
    [browser, bot, publicProvince, publicUnits] = await Promise.all([
      launchChromium(),
      servedDashboard(),
      servedDashboard({ env: { PUBLIC_DASHBOARD: 'true' } }),
      servedDashboard({ env: { PUBLIC_DASHBOARD: 'true', PUBLIC_DASHBOARD_UNITS: 'true' } }),
    ]);
    compiler = await bot.official('clerk', 'BT-SO-TTTT', 'compiler');
    await settled([bot, publicProvince, publicUnits]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([bot, publicProvince, publicUnits].map((b) => b?.close()));
  });
  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems);
    await Promise.all(tabs.map((t) => t.context.close()));
    tabs = [];
    expect(problems).toEqual([]);
  });

  const tab = async (options: TabOptions = {}, on: DashboardBot = bot): Promise<Tab> => {
    const t = await openTab(browser, on, options);
    tabs.push(t);
    return t;
  };

  /** The names in the first column of the units table, top to bottom. */
  const tableNames = (t: Tab) => t.page.locator('table.units tbody th[scope="row"]').allInnerTexts();

  it('signs the compiler in from the chat link onto the province overview, its rates and units', async () => {
    const t = await tab();
    const link = await bot.linkFor(compiler);
    expect(link).toMatch(new RegExp(`^${bot.baseUrl}/web/signin\\?t=`));
    await t.page.goto(link);
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Đăng nhập bảng theo dõi');
    await t.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/overview/BT`);

    const session = (await t.context.cookies()).find((c) => c.name === 'dvc_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/web' });
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Tỉnh Bến Tre');
    expect(await t.page.title()).toBe('Tỉnh Bến Tre · Trợ lý DVC — Bảng theo dõi');

    // The three rates since the campaign began, as the store's counts give them.
    const province = await progressOf(bot, 'BT');
    const toDate = t.page.getByRole('region', { name: 'Từ đầu đợt đến nay' }).getByRole('listitem');
    expect(await toDate.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(RATE_LABELS);
    expect(await toDate.locator('.value').allInnerTexts()).toEqual(RATE_NAMES.map((n) => rateText(province.total, n)));
    expect(await toDate.locator('.target-line').allInnerTexts()).toEqual([
      expect.stringMatching(/^Chỉ tiêu 50% · còn thiếu/),
      expect.stringMatching(/^Chỉ tiêu 30% · còn thiếu/),
      expect.stringMatching(/^Chỉ tiêu 100% · còn thiếu/),
    ]);

    // Every unit right below the province, the lowest online rate first.
    const children = province.children.filter((c) => c.counts.receivedTotal > 0);
    const table = t.page.getByRole('table', { name: `${children.length} đơn vị.`, exact: false });
    expect(await table.count()).toBe(1);
    const names = await tableNames(t);
    expect([...names].sort(compareUnitNames)).toEqual(children.map((c) => c.unit.name).sort(compareUnitNames));
    const lowest = [...children].sort((a, b) => fractionOf(a.counts, 'online').rate! - fractionOf(b.counts, 'online').rate!)[0]!;
    expect(names[0]).toBe(lowest.unit.name);
    const firstRow = await t.page.locator('table.units tbody tr').first().locator('th, td').allInnerTexts();
    expect(firstRow.slice(0, 4)).toEqual([
      lowest.unit.name,
      'Tỉnh Bến Tre',
      count.format(lowest.counts.receivedTotal),
      rateText(lowest.counts, 'online').split(' ')[0],
    ]);
  });

  it('sorts the units table by a header link and filters it to the communes of one district', async () => {
    const t = await tab();
    await t.signIn(compiler);
    const before = await tableNames(t);

    // Unit name: first ascending, then (the same header again) descending.
    const nameHeader = t.page.locator('table.units thead').getByRole('link', { name: 'Đơn vị' });
    await nameHeader.click();
    await t.page.waitForURL(/sort=name&dir=asc/);
    await nameHeader.click();
    await t.page.waitForURL(/sort=name&dir=desc/);
    const descending = [...before].sort(compareUnitNames).reverse();
    expect(await tableNames(t)).toEqual(descending);
    expect(descending[0]).toBe('Thành phố Bến Tre');
    expect(await t.page.locator('table.units th[aria-sort="descending"]').innerText()).toContain('Đơn vị');
    expect(await t.page.locator('table.units caption').innerText()).toContain('Sắp xếp theo Đơn vị, từ Z đến A.');

    await t.page.locator('#kind').selectOption({ label: 'Xã, phường, thị trấn' });
    await t.page.locator('#parent').selectOption({ label: 'Huyện Ba Tri' });
    await t.page.getByRole('button', { name: 'Lọc' }).click();
    await t.page.waitForURL(/kind=commune/);
    const query = new URL(t.page.url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ kind: 'commune', parent: 'BT-BATRI', sort: 'name', dir: 'desc' });

    const communes = (await bot.store.units.childrenOf('BT-BATRI')).filter((u) => u.kind === 'commune');
    expect(communes.length).toBeGreaterThan(10);
    const rows = t.page.locator('table.units tbody tr');
    expect(await tableNames(t)).toEqual(
      communes
        .map((u) => u.name)
        .sort(compareUnitNames)
        .reverse(),
    );
    expect(new Set(await rows.locator('td:nth-of-type(1)').allInnerTexts())).toEqual(new Set(['Huyện Ba Tri']));
    expect(new Set(await rows.locator('td:last-child').allInnerTexts())).toEqual(new Set(['Xã, phường, thị trấn']));
    // The form shows the filter it applied.
    expect(await t.page.locator('#kind').inputValue()).toBe('commune');
    expect(await t.page.locator('#parent').inputValue()).toBe('BT-BATRI');
  });

  it('opens a unit from the table and shows its history week by week', async () => {
    const t = await tab();
    await t.signIn(compiler);
    await t.open('/web/overview/BT?kind=commune&parent=BT-BATRI');
    await t.page.locator('table.units').getByRole('link', { name: 'Xã Tân Mỹ', exact: true }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/unit/BT-BATRI-TANMY`);
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Xã Tân Mỹ (Huyện Ba Tri)');
    expect(await t.page.locator('nav a[aria-current="page"]').innerText()).toBe('Đơn vị');

    const unit = await progressOf(bot, 'BT-BATRI-TANMY');
    const history = t.page.getByRole('table', { name: /^Tuần mới nhất ở trên cùng/ });
    const rows = history.locator('tbody tr');
    expect(await rows.count()).toBe(unit.weekly.length);
    expect(unit.weekly.length).toBeGreaterThanOrEqual(4);
    // Newest first: the week to Friday 08/12/2023, its counts and its own rates.
    const latest = unit.weekly.at(-1)!;
    const cells = await rows.first().locator('th, td').allInnerTexts();
    expect(cells.slice(0, 6)).toEqual([
      '08/12/2023 (kỳ chưa hết)',
      count.format(latest.counts.receivedTotal),
      count.format(latest.counts.receivedOnline),
      ...RATE_NAMES.map((n) => rateText(latest.counts, n).split(' ')[0]),
    ]);
    // The last column of the last row is the first week on its own, which is also the total since the start.
    const oldest = await rows.last().locator('td').allInnerTexts();
    expect(oldest.slice(2, 5)).toEqual(oldest.slice(5, 8));
  });

  it('downloads the compiled workbook of last week, which names the province and lists the communes', async () => {
    const t = await tab();
    await t.signIn(compiler);
    await t.page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: 'Tải báo cáo' }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/downloads/BT`);
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Tải báo cáo — Tỉnh Bến Tre');

    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      t.page.getByRole('link', { name: 'tuần 01/12/2023 – 07/12/2023' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bao-cao-tuan-BT-2023-12-08.xlsx');
    expect(await download.failure()).toBeNull();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const texts = (row: number) => (sheet.getRow(row).values as unknown[]).filter((v): v is string => typeof v === 'string');
    // The document's heading, in capitals as Vietnamese documents write it.
    expect(texts(1)).toContain('UBND TỈNH BẾN TRE');
    // Tân Mỹ's row: its code, name and parent.
    let tanMy: unknown[] | undefined;
    sheet.eachRow((row) => {
      if (row.getCell('B').value === 'BT-BATRI-TANMY') tanMy = [row.getCell('C').value, row.getCell('D').value];
    });
    expect(tanMy).toEqual(['Xã Tân Mỹ', 'Huyện Ba Tri']);
    const exported = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'report.exported');
    expect(exported.at(-1)).toMatchObject({ unitCode: 'BT', subject: 'weekly:2023-12-08' });
  });

  it('reminds the missing units from the reporting board and queues their messages', async () => {
    const reporters = [
      await bot.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter'),
      await bot.official('reporter-anhiep', 'BT-CHAUTHANH-ANHIEP', 'reporter'),
    ];
    const t = await tab();
    await t.signIn(compiler);
    await t.page.getByRole('link', { name: 'Tình hình báo cáo' }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/reports/BT`);
    // Nobody has reported in the demo: every unit under the province is missing.
    const button = t.page.getByRole('button', { name: /^Nhắc \d+ đơn vị chưa báo cáo$/ });
    const missing = Number(/\d+/.exec(await button.innerText())![0]);
    expect(missing).toBeGreaterThan(100);
    await button.click();
    // Back on the board (Post/Redirect/Get): a reload asks nothing and posts nothing again.
    await t.page.waitForURL(`${bot.baseUrl}/web/reports/BT`);

    const notice = await t.page.getByRole('status').innerText();
    expect(notice).toContain('Đã xếp lịch nhắc 2 đơn vị chưa báo cáo (2 tin nhắn mới)');
    expect(notice).toContain('Xã Tân Mỹ (Huyện Ba Tri)');
    expect(notice).toContain('Xã An Hiệp (Huyện Châu Thành)');
    expect(notice).toContain(`Chưa có cán bộ nào đăng ký để nhận tin nhắc ở ${missing - 2} đơn vị sau`);

    const queued = await bot.store.sql
      .selectFrom('outbox_message')
      .select(['external_id', 'channel', 'payload', 'status'])
      .where('purpose', '=', 'report-reminder')
      .orderBy('external_id')
      .execute();
    expect(queued.map((m) => m.external_id)).toEqual(reporters.map((r) => r.externalId).sort());
    expect(queued.map((m) => m.channel)).toEqual(['terminal', 'terminal']);
    expect(queued.find((m) => m.external_id === 'reporter-tanmy')!.payload).toContain('Xã Tân Mỹ chưa gửi báo cáo');

    // The notice is said once: reloading shows the board without it.
    await t.page.reload();
    expect(await t.page.getByRole('status').count()).toBe(0);
  });

  it("lets a district head into their district's pages and refuses another district's with 403", async () => {
    const head = await bot.official('head-batri', 'BT-BATRI', 'head');
    const t = await tab({ expectedStatuses: [403] });
    await t.signIn(head);
    expect(t.page.url()).toBe(`${bot.baseUrl}/web/overview/BT-BATRI`);
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Huyện Ba Tri (Tỉnh Bến Tre)');

    for (const path of [
      '/web/overview/BT-CHAUTHANH',
      '/web/unit/BT-CHAUTHANH-ANHIEP',
      '/web/reports/BT-CHAUTHANH',
      '/web/downloads/BT-CHAUTHANH',
      '/web/overview/BT',
    ]) {
      const response = await t.open(path);
      expect(response.status(), path).toBe(403);
      expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Không có quyền xem trang này');
      expect(await t.mainText()).not.toContain('Châu Thành');
    }
    for (const path of ['/web/unit/BT-BATRI-TANMY', '/web/reports/BT-BATRI', '/web/downloads/BT-BATRI']) {
      const response = await t.open(path);
      expect(response.status(), path).toBe(200);
    }
    expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Tải báo cáo — Huyện Ba Tri');
  });

  it('moves the keyboard focus to the skip link first, and the skip link into the page', async () => {
    const t = await tab();
    await t.signIn(compiler);
    await t.page.keyboard.press('Tab');
    const focused = await t.page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(focused).toEqual({ text: 'Chuyển đến nội dung chính', href: '#main' });
    const box = await t.page.locator('a.skip').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    await t.page.keyboard.press('Enter');
    await t.page.keyboard.press('Tab');
    expect(await t.page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('switches to English and back on the same page', async () => {
    const t = await tab();
    await t.signIn(compiler);
    await t.page.getByRole('link', { name: 'English' }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/overview/BT`);
    expect(await t.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await t.page.getByRole('region', { name: 'Campaign to date' }).count()).toBe(1);
    await t.page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await t.page.waitForURL(`${bot.baseUrl}/web/overview/BT`);
    expect(await t.page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('shows the wall screen without navigation or filters, reloading itself', async () => {
    const t = await tab();
    await t.signIn(compiler);
    await t.page.getByRole('link', { name: /^Chế độ màn hình lớn/ }).click();
    await t.page.waitForURL(/wall=1/);
    expect(await t.page.locator('body').getAttribute('class')).toBe('wall');
    expect(await t.page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('300');
    expect(await t.page.getByRole('navigation').count()).toBe(0);
    expect(await t.page.locator('form').count()).toBe(0);
    // Seen from across a room: the ten lowest online rates, not the whole list.
    const children = (await progressOf(bot, 'BT')).children;
    const worst = [...children]
      .sort((a, b) => (fractionOf(a.counts, 'online').rate ?? -1) - (fractionOf(b.counts, 'online').rate ?? -1))
      .slice(0, 10)
      .map((c) => c.unit.name);
    expect(await tableNames(t)).toEqual(worst);
    // Each rate shows the latest period with complete figures under the campaign's figure.
    const province = await progressOf(bot, 'BT');
    const latest = [...province.weekly].reverse().find((w) => w.lastDay === w.weekEnd)!;
    const until = latest.lastDay.split('-').reverse().join('/');
    expect(await t.page.getByRole('region', { name: 'Từ đầu đợt đến nay' }).locator('.latest').allInnerTexts()).toEqual(
      RATE_NAMES.map((n) => `Kỳ đến ${until}: ${rateText(latest.counts, n).split(' ')[0]}`),
    );
    expect(await t.page.getByRole('link', { name: /^Thoát chế độ màn hình lớn/ }).count()).toBe(1);
  });

  it('fits the wall screen on one 1920×1080 screen: the rates and the trend beside the worst units, nothing to scroll', async () => {
    const t = await tab({ viewport: { width: 1920, height: 1080 } });
    await t.signIn(compiler);
    await t.open('/web/overview/BT?wall=1');
    const height = await t.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(1080);
    // Side by side: the table starts beside the rates, not below the chart.
    const rates = (await t.page.locator('#to-date').boundingBox())!;
    const table = (await t.page.locator('table.units').boundingBox())!;
    expect(table.x).toBeGreaterThan(rates.x + rates.width);
    expect(table.y).toBeLessThan(rates.y + rates.height);
    // The headline numbers are large enough to read from across a room.
    const size = await t.page
      .locator('.rate .value')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
  });

  describe('the public page', () => {
    const districts = async (on: DashboardBot) =>
      (await on.store.units.childrenOf('BT')).filter((u) => u.kind === 'district').map((u) => u.name);

    it('is not there unless PUBLIC_DASHBOARD is set', async () => {
      const t = await tab({ expectedStatuses: [404] });
      const response = await t.open('/public');
      expect(response.status()).toBe(404);
      expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Không tìm thấy trang');
    });

    it("shows the province's rates and no unit below it, or the districts too with PUBLIC_DASHBOARD_UNITS", async () => {
      const province = await progressOf(publicProvince, 'BT');
      const names = await districts(publicProvince);
      expect(names).toContain('Huyện Ba Tri');

      const t = await tab({}, publicProvince);
      expect((await t.open('/public')).status()).toBe(200);
      expect(await t.page.getByRole('heading', { level: 1 }).innerText()).toBe('Tỉnh Bến Tre');
      const rates = t.page.getByRole('region', { name: 'Từ đầu đợt đến nay' }).locator('.value');
      expect(await rates.allInnerTexts()).toEqual(RATE_NAMES.map((n) => rateText(province.total, n)));
      const text = await t.page.locator('body').innerText();
      for (const name of [...names, 'Huyện', 'Sở ', 'hạng ']) expect(text).not.toContain(name);
      expect(await t.page.getByRole('table').count()).toBe(0);
      expect(await t.page.getByRole('button').count()).toBe(0);

      const u = await tab({}, publicUnits);
      expect((await u.open('/public')).status()).toBe(200);
      const listed = await u.page
        .getByRole('table', { name: /^Đơn vị có tỷ lệ/ })
        .locator('tbody th')
        .allInnerTexts();
      for (const name of names) expect(listed).toContain(name);
      expect(listed).toHaveLength(province.children.length);
      // Districts, departments and the city: no commune (a commune's name starts "Xã " or "Thị trấn ").
      expect(await u.page.locator('body').innerText()).not.toMatch(/Xã \p{Lu}|Thị trấn/u);
    });
  });
});
