// Pages are server-rendered with Eta templates (src/web/views): every value is escaped unless
// a template asks for raw HTML (only the chart's SVG, which we draw ourselves).
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import type { Translator } from '../i18n/index.js';
import { projectPath } from '../paths.js';
import { WEB_PATHS } from './paths.js';

const eta = new Eta({ views: projectPath('src', 'web', 'views'), cache: true, autoEscape: true });

/** What every page's layout needs besides its own data. */
export interface PageFrame {
  tr: Translator;
  title: string;
  /** The path of this page without the query, for the language switch to come back to. */
  path: string;
  /** Signed in: the sign-out form needs the CSRF token. */
  csrf?: string;
  /** The wall screen: larger type, no navigation, reloads itself. */
  wall?: boolean;
  /** The unit whose pages the navigation links to. */
  navUnit?: string;
  /** The unit's pages the person may open besides its overview and unit page. */
  may?: { board: boolean; downloads: boolean };
  /** Which navigation entry is this page. */
  current?: 'overview' | 'unit' | 'board' | 'downloads';
}

/** How often the wall screen reloads itself. */
export const WALL_REFRESH_SECONDS = 300;

export function sendPage(reply: FastifyReply, view: string, frame: PageFrame, data: object, status = 200): FastifyReply {
  const html = eta.render(`./${view}`, { ...data, frame, paths: WEB_PATHS, refresh: WALL_REFRESH_SECONDS });
  // Encoded once: sent as a string, the page would be measured for its length and encoded again.
  const body = Buffer.from(html);
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);
}
