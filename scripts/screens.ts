// Screenshots of the dashboard for the docs: `npm run screens` writes full-page PNGs of each
// page to docs/screens/, from the same setup as the browser tests (test/web/browser.test.ts):
// the Bến Tre demo data as of DEMO_NOW in Debian's Chromium, a few reports filed in Ba Tri so
// the reporting board shows every state. Prints any console error or CSP violation it met.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ReportFigures } from '../src/campaign/reports/figures.js';
import { periodForDeadlineDay } from '../src/campaign/reports/week.js';
import { projectPath } from '../src/paths.js';
import { chromiumMissing, launchChromium, openTab, servedDashboard, settled } from '../test/web/support/browser.js';
import type { DashboardBot } from '../test/web/support/dashboardBot.js';

const OUT = projectPath('docs', 'screens');
const WEEK = '2023-12-08';

if (chromiumMissing) {
  console.error(chromiumMissing);
  process.exit(1);
}

/** A weekly report for the week to 08/12/2023, filed by a new reporter of the unit. */
async function file(bot: DashboardBot, unit: string, at: string, extra: Partial<ReportFigures> = {}): Promise<void> {
  const reporter = await bot.official(`reporter-${unit}`, unit, 'reporter');
  const definition = (await bot.store.campaigns.campaignFor(unit, WEEK))!;
  await bot.store.reports.submitReport({
    unitCode: unit,
    period: periodForDeadlineDay(definition, 'weekly', WEEK)!,
    figures: {
      receivedTotal: 31,
      receivedOnline: 14,
      digitized: 17,
      feeDossiers: 12,
      paidOnline: 3,
      accountsHelped: 9,
      paymentsHelped: 2,
      difficulties: '',
      proposals: '',
      ...extra,
    },
    personId: await reporter.personId(),
    at: new Date(at),
  });
}

const shots: string[] = [];
async function shoot(page: Page, name: string): Promise<void> {
  const path = `${OUT}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  shots.push(path);
}

mkdirSync(OUT, { recursive: true });
const bot = await servedDashboard({ env: { PUBLIC_DASHBOARD: 'true', PUBLIC_DASHBOARD_UNITS: 'true' } });
const browser = await launchChromium();
const problems: string[] = [];
try {
  await file(bot, 'BT-BATRI-TANMY', '2023-12-08T09:12:00+07:00', {
    difficulties: 'Bộ phận một cửa thiếu máy quét để số hóa hồ sơ.',
    proposals: 'Đề nghị tỉnh hỗ trợ 01 máy quét.',
  });
  await file(bot, 'BT-BATRI-ANDUC', '2023-12-07T16:40:00+07:00');
  await file(bot, 'BT-BATRI-VINHHOA', '2023-12-08T11:05:00+07:00', {
    difficulties: 'Người dân lớn tuổi chưa quen thanh toán trực tuyến.',
  });
  await bot.official('reporter-BT-BATRI-ANHIEP', 'BT-BATRI-ANHIEP', 'reporter');
  const compiler = await bot.official('clerk', 'BT-SO-TTTT', 'compiler');
  await settled([bot]);

  const tab = await openTab(browser, bot);
  const { page } = tab;
  await page.goto(await bot.linkFor(compiler));
  await shoot(page, '01-signin');
  await Promise.all([page.waitForURL(/\/web\/overview\/BT$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  await shoot(page, '02-overview-province');

  await page.locator('#kind').selectOption('commune');
  await page.locator('#parent').selectOption('BT-BATRI');
  await Promise.all([page.waitForURL(/kind=commune/), page.getByRole('button', { name: 'Lọc' }).click()]);
  await shoot(page, '03-overview-communes-of-ba-tri');

  await tab.open('/web/unit/BT-BATRI');
  await shoot(page, '04-unit-ba-tri');

  await tab.open('/web/reports/BT-BATRI');
  // The action comes back to the board (Post/Redirect/Get), which says what was queued.
  await page.getByRole('button', { name: /^Nhắc \d+ đơn vị/ }).click();
  await page.getByRole('status').waitFor();
  await shoot(page, '05-reports-ba-tri-after-reminding');

  await tab.open('/web/downloads/BT');
  await shoot(page, '06-downloads');

  // The wall screen as a wall shows it: one 1920×1080 screen.
  const wall = await openTab(browser, bot, { viewport: { width: 1920, height: 1080 } });
  await wall.signIn(compiler);
  await wall.open('/web/overview/BT?wall=1');
  await shoot(wall.page, '07-wall-screen');
  problems.push(...wall.problems);

  await tab.open('/public');
  await shoot(page, '08-public-with-units');
  problems.push(...tab.problems);

  const phone = await openTab(browser, bot, { viewport: { width: 390, height: 844 } });
  await phone.signIn(compiler);
  await shoot(phone.page, '09-overview-phone');
  problems.push(...phone.problems);
} finally {
  await browser.close();
  await bot.close();
}

for (const path of shots) console.log(path);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
