// WCAG 2.1 AA on every page of the dashboard, as axe-core finds it in Chromium: contrast,
// labels, headings, table headers, landmarks, language. axe is run through the DevTools
// protocol, so the pages keep their Content-Security-Policy (no script of theirs runs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import type { DashboardBot } from './support/dashboardBot.js';
import { chromiumMissing, launchChromium, openTab, servedDashboard, settled } from './support/browser.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGES = [
  '/web/overview/BT',
  '/web/overview/BT?kind=commune&parent=BT-BATRI',
  '/web/overview/BT?wall=1',
  '/web/unit/BT-BATRI',
  '/web/reports/BT',
  '/web/downloads/BT',
  '/web/overview/BT-CHOLACH-NOPE',
];

describe.skipIf(chromiumMissing !== undefined)('accessibility of the dashboard', { timeout: 60_000 }, () => {
  let browser: Browser;
  let bot: DashboardBot;

  beforeAll(async () => {
    [browser, bot] = await Promise.all([
      launchChromium(),
      servedDashboard({ env: { PUBLIC_DASHBOARD: 'true', PUBLIC_DASHBOARD_UNITS: 'true' } }),
    ]);
    await settled([bot]);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  const audit = async (page: import('playwright-core').Page): Promise<string[]> => {
    await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(
      (tags) =>
        (window as unknown as { axe: { run(o: object): Promise<AxeResults> } }).axe.run({
          runOnly: { type: 'tag', values: tags },
        }),
      WCAG_21_AA,
    );
    // The wall screen reloads itself by design (the reason it exists), is chosen by a link
    // and left by one on the page itself (WCAG 2.2.1 "turn off"): the one rule not asked there.
    const wall = new URL(page.url()).searchParams.get('wall') === '1';
    return results.violations
      .filter((v) => !(wall && v.id === 'meta-refresh'))
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  };

  it('finds no WCAG 2.1 AA violation on any page, signed in, on a desktop and on a phone', async () => {
    const compiler = await bot.official('a11y-clerk', 'BT-SO-TTTT', 'compiler');
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const tab = await openTab(browser, bot, { viewport, expectedStatuses: [404] });
      await tab.signIn(compiler);
      const found: Record<string, string[]> = {};
      for (const path of PAGES) {
        await tab.open(path);
        const violations = await audit(tab.page);
        if (violations.length) found[path] = violations;
      }
      await tab.context.close();
      expect(found, `viewport ${viewport.width}`).toEqual({});
    }
  });

  it('finds none on the sign-in page and the public page', async () => {
    const tab = await openTab(browser, bot);
    const person = await bot.official('a11y-head', 'BT-BATRI', 'head');
    await tab.page.goto(await bot.linkFor(person));
    expect(await audit(tab.page)).toEqual([]);
    await tab.open('/public');
    expect(await audit(tab.page)).toEqual([]);
    await tab.context.close();
  });
});
