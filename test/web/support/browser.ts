// The dashboard in a real browser: Debian's Chromium driven by playwright-core, against the
// dashboard bot (dashboardBot.ts) listening on a free port of localhost, where Chromium keeps
// Secure cookies over plain http. A tab records what a person would never want to see: a
// console error, an uncaught exception, a request the Content Security Policy blocked.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type {} from '@fastify/under-pressure';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import type { TestPerson } from '../../support/harness.js';
import { dashboardBot, type DashboardBot, type DashboardBotOptions } from './dashboardBot.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The dashboard bot, its links pointing at http://localhost:<port>, and its app listening there. */
export async function servedDashboard(options: Omit<DashboardBotOptions, 'port'> = {}): Promise<DashboardBot> {
  const port = await freePort();
  const bot = await dashboardBot({ ...options, port });
  try {
    await bot.app.listen({ port, host: 'localhost' });
  } catch (error) {
    await bot.close();
    throw error;
  }
  return bot;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the bots' apps take requests again. The app sheds load (503) while its event
 * loop lags more than a second (under-pressure, src/http/app.ts), measured once a second
 * over the second before: seeding the demo data on SQLite is one such stretch, so a page
 * opened just after seeding a bot (any bot: they share the process) can be refused. A
 * sample taken after the seeding must say all is calm.
 */
export async function settled(bots: readonly DashboardBot[]): Promise<void> {
  await sleep(1100);
  for (let tries = 0; bots.some((b) => b.app.isUnderPressure()); tries++) {
    if (tries > 100) throw new Error('the dashboard stayed under pressure for ten seconds');
    await sleep(100);
  }
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and CSP violations, each with the page it happened on. */
  problems: string[];
  /** Opens a path of the dashboard; the response is the document's. */
  open(path: string): Promise<Response>;
  /** Runs /web in the person's chat, opens the link from the transcript and presses "Đăng nhập". */
  signIn(person: TestPerson): Promise<void>;
  /** The visible text of the page's main content. */
  mainText(): Promise<string>;
}

export interface TabOptions {
  viewport?: { width: number; height: number };
  /**
   * Statuses of documents the test opens on purpose (a 403, a 404): Chromium logs each as a
   * console error, which is then not a problem.
   */
  expectedStatuses?: number[];
}

/** A fresh browser context (no cookies) with one page on the bot's dashboard. */
export async function openTab(browser: Browser, bot: DashboardBot, options: TabOptions = {}): Promise<Tab> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  const expected = new Set(options.expectedStatuses ?? []);
  const page = await context.newPage();
  const where = () => new URL(page.url()).pathname;
  // Chromium reports a blocked resource or inline code as a console error too; the event
  // also catches a violation reported only to the page.
  await context.exposeBinding('__cspViolation', (_source, text: string) => problems.push(`${where()}: CSP: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const status = /status of (\d{3})/.exec(message.text());
    if (status && expected.has(Number(status[1]))) return;
    problems.push(`${where()}: console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${where()}: exception: ${error.message}`));
  page.on('response', (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() && response.status() >= 400)
      problems.push(`${where()}: ${response.status()} for ${response.url()}`);
  });

  const open = async (path: string): Promise<Response> => {
    const response = await page.goto(`${bot.baseUrl}${path}`);
    if (!response) throw new Error(`no response for ${path}`);
    return response;
  };
  return {
    page,
    context,
    problems,
    open,
    async signIn(person) {
      const link = await bot.linkFor(person);
      if (!link.startsWith(`${bot.baseUrl}/web/signin?t=`)) throw new Error(`unexpected link ${link}`);
      await page.goto(link);
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/web/signin'),
        page.getByRole('button', { name: 'Đăng nhập' }).click(),
      ]);
    },
    mainText: () => page.locator('main').innerText(),
  };
}
