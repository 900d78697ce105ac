// The dashboard on the real engine and store: the Bến Tre demo tree and statistics as of a
// fixed moment (a Friday afternoon, between the report and the compile deadlines), the
// bot's fastify app with the dashboard registered, officials made by role, and sign-in the
// way a person does it: /web in the chat, then the link's page and its button.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestBot, type TestPerson } from '../../support/harness.js';
import { officialMaker } from '../../campaign/campaignBot.js';
import { seedDemoData } from '../../../src/campaign/demo.js';
import { buildApp } from '../../../src/http/app.js';
import { registerDashboard } from '../../../src/web/dashboard.js';
import { parseWebSettings } from '../../../src/web/settings.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');

export interface DashboardBotOptions {
  env?: Record<string, string>;
  /** Where links point: a real server's port for the browser tests. */
  port?: number;
}

/** The value of each hidden input of a page's first form that has it. */
export function hiddenInput(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden input ${name} in the page`);
  return match[1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** name=value of every cookie a response sets. */
export function setCookies(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

export const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export interface Browser {
  cookies: Record<string, string>;
  get(path: string): Promise<LightMyRequestResponse>;
  /** Submits a form of the page at `from` (its CSRF token included) to `action`. */
  submit(from: string, action: string, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function dashboardBot(options: DashboardBotOptions = {}) {
  const clock = { now: DEMO_NOW };
  const baseUrl = `http://localhost:${options.port ?? 3000}`;
  const bot = await createTestBot({ now: () => clock.now, env: { PUBLIC_URL: baseUrl, ...options.env } });
  await seedDemoData(bot.store, clock.now);
  const app: FastifyInstance = buildApp({ store: bot.store, version: 'test' });
  await registerDashboard(app, {
    store: bot.store,
    texts: bot.runtime.texts,
    now: () => clock.now,
    defaultLocale: 'vi',
    settings: parseWebSettings(bot.runtime.config),
  });

  const official = officialMaker(bot, () => clock.now);

  /** The sign-in link /web sends to the person's chat. */
  const linkFor = async (person: TestPerson): Promise<string> => {
    const replies = await person.command('web');
    const url = replies.flatMap((r) => r.links ?? [])[0]?.url;
    if (!url) throw new Error(`/web sent no link: ${replies.map((r) => r.text).join(' | ')}`);
    return url;
  };

  /** A cookie jar over fastify's inject, as a browser keeps one. */
  const browser = (): Browser => {
    const cookies: Record<string, string> = {};
    const keep = (response: LightMyRequestResponse) => {
      for (const c of response.cookies) {
        // A cleared cookie comes back dated 1970; the server's clock is the test's, not ours.
        if (c.expires && c.expires.getTime() < 86_400_000) delete cookies[c.name];
        else cookies[c.name] = c.value;
      }
      return response;
    };
    const get = async (path: string) =>
      keep(await app.inject({ method: 'GET', url: path, headers: { cookie: cookieHeader(cookies) } }));
    return {
      cookies,
      get,
      async submit(from, action, fields = {}) {
        const page = await get(from);
        const form = new URLSearchParams({ _csrf: hiddenInput(page.body, '_csrf'), ...fields });
        return keep(
          await app.inject({
            method: 'POST',
            url: action,
            headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
            payload: form.toString(),
          }),
        );
      },
    };
  };

  /** Opens the link's page and presses its button: the browser then holds a session. */
  const signIn = async (
    link: string,
    into: Browser = browser(),
  ): Promise<{ browser: Browser; response: LightMyRequestResponse }> => {
    const path = link.slice(baseUrl.length);
    const page = await into.get(path);
    const response = await into.submit(path, '/web/signin', { t: hiddenInput(page.body, 't') });
    return { browser: into, response };
  };

  const closeStore = () => bot.store.close();
  return Object.assign(bot, {
    app,
    clock,
    baseUrl,
    official,
    linkFor,
    browser,
    signIn,
    close: async () => {
      await app.close();
      await closeStore();
    },
  });
}

export type DashboardBot = Awaited<ReturnType<typeof dashboardBot>>;
