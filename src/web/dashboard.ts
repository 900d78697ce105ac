// The web dashboard on the bot's fastify app: server-rendered pages over the same store,
// permission function (campaign/access.ts) and texts as the chat. Its security headers,
// cookies and CSRF checks are registered in its own encapsulated plugin, so the webhook
// routes beside it are untouched.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import csrf from '@fastify/csrf-protection';
import { z } from 'zod';
import type { Texts, Translator } from '../i18n/index.js';
import { LOCALES, type Locale } from '../i18n/format.js';
import type { Store } from '../store/index.js';
import type { Action } from '../campaign/access.js';
import { homeUnit } from '../campaign/progress/tiendoCommand.js';
import { projectPath } from '../paths.js';
import { WEB_PATHS } from './paths.js';
import { type PageFrame, sendPage } from './render.js';
import { allowed, LANG_COOKIE, localeOf, SESSION_COOKIE, sessionCookie, type Viewer, viewerOf } from './viewer.js';
import type { WebSettings } from './settings.js';
import { overviewData, type PageOutcome } from './pages/overview.js';
import { TableQuerySchema } from './pages/unitTable.js';
import { unitPageData } from './pages/unitPage.js';
import { boardData, remindFromBoard } from './pages/board.js';
import { downloadsData, workbookFile } from './pages/downloads.js';
import { publicData } from './pages/publicPage.js';

export interface DashboardDeps {
  store: Store;
  texts: Pick<Texts, 'for'>;
  now: () => Date;
  defaultLocale: Locale;
  settings: WebSettings;
}

const UnitParams = z.object({ code: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/) });
const LangParams = z.object({ locale: z.enum(LOCALES) });
const BackQuery = z.object({ back: z.string().regex(/^\/(web|public)(\/[A-Za-z0-9._/-]*)?$/) });
const FileParams = z.object({ file: z.string().max(64) });
const CSS = readFileSync(projectPath('src', 'web', 'static', 'dashboard.css'), 'utf8');

// Pages are plain HTML and one stylesheet: nothing else may load, run or frame them.
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  },
  // A sign-in link's secret must not leak to another site through the Referer.
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000 },
});

function isDashboardPath(url: string): boolean {
  return /^\/(web|public)(\/|\?|$)/.test(url);
}

type Handler = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, code: string) => Promise<FastifyReply>;

export async function registerDashboard(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  await app.register(async (web) => {
    await web.register(cookie);
    await web.register(formbody, { bodyLimit: 4096 });
    // Built once: @fastify/helmet builds helmet's middleware again on every request.
    web.addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)),
    );
    await web.register(csrf, {
      cookieKey: 'dvc_csrf',
      cookieOpts: { path: '/web', httpOnly: true, secure: true, sameSite: 'strict', signed: false },
    });

    // The plugin's check, bound: fastify calls a preHandler without its instance.
    const checkCsrf = web.csrfProtection.bind(web);
    const anonymousTr = (request: FastifyRequest): Translator => deps.texts.for(localeOf(request, deps.defaultLocale));
    const frame = (tr: Translator, request: FastifyRequest, title: string, extra: Partial<PageFrame> = {}): PageFrame => ({
      tr,
      title,
      path: request.url.split('?')[0]!,
      ...extra,
    });
    const message = (
      request: FastifyRequest,
      reply: FastifyReply,
      tr: Translator,
      status: number,
      key: string,
      vars = {},
      signedIn = false,
    ) =>
      sendPage(
        reply,
        'message',
        // Signed in: the page keeps the way home and the sign-out button.
        frame(tr, request, tr.t(`web:${key}.title`), signedIn ? { csrf: reply.generateCsrf() } : {}),
        { text: tr.t(`web:${key}.text`, vars), home: signedIn },
        status,
      );

    web.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
      const tr = anonymousTr(request);
      if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET')
        return message(request, reply, tr, 403, 'errors.csrf');
      // The overload guard's answer stays a 503 (with its Retry-After), in words.
      if (err.statusCode === 503) return message(request, reply.header('Retry-After', '10'), tr, 503, 'errors.busy');
      if (err.statusCode && err.statusCode < 500) return message(request, reply, tr, err.statusCode, 'errors.badRequest');
      request.log.error({ err }, 'dashboard page failed');
      return message(request, reply, tr, 500, 'errors.server');
    });
    // Registered without a prefix, this handler hears every unknown address: only the
    // dashboard's own get a page; the webhooks' callers get the API's JSON answer.
    web.setNotFoundHandler((request, reply) =>
      isDashboardPath(request.url)
        ? message(request, reply, anonymousTr(request), 404, 'errors.notFound')
        : reply
            .code(404)
            .send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${request.url} not found` }),
    );

    web.get(`${WEB_PATHS.static}/dashboard.css`, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(CSS),
    );

    // ── Signing in and out ────────────────────────────────────────────────────────────
    // The link opens a page with a button rather than signing in at once: chat apps fetch
    // links to preview them, and that fetch must not spend the one-time link.
    web.get(WEB_PATHS.signIn, async (request, reply) => {
      const tr = anonymousTr(request);
      const secret = z.object({ t: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).safeParse(request.query);
      if (!secret.success) return message(request, reply, tr, 400, 'signIn.invalid');
      return sendPage(reply, 'signin', frame(tr, request, tr.t('web:signIn.title')), {
        secret: secret.data.t,
        csrf: reply.generateCsrf(),
      });
    });

    web.post(WEB_PATHS.signIn, { preHandler: checkCsrf }, async (request, reply) => {
      const tr = anonymousTr(request);
      const body = z.object({ t: z.string().max(100) }).safeParse(request.body);
      const now = deps.now();
      const personId = body.success ? await deps.store.webSessions.redeemLink(body.data.t, now) : undefined;
      if (personId === undefined) return message(request, reply, tr, 400, 'signIn.invalid');
      const session = await deps.store.webSessions.openSession(personId, now);
      await deps.store.audit.record({ actorId: personId, action: 'web.signed_in', at: now });
      sessionCookie(reply, session.id, session.expiresAt.getTime() - now.getTime());
      return reply.redirect(WEB_PATHS.home, 303);
    });

    web.post(WEB_PATHS.signOut, { preHandler: checkCsrf }, async (request, reply) => {
      const viewer = await viewerOf(request, deps);
      const tr = viewer?.tr ?? anonymousTr(request);
      if (viewer) {
        const now = deps.now();
        await deps.store.webSessions.endSession(viewer.sessionId, now);
        await deps.store.audit.record({ actorId: viewer.personId, action: 'web.signed_out', details: { from: 'web' }, at: now });
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/web' });
      return message(request, reply, tr, 200, 'signOut');
    });

    web.get('/web/lang/:locale', async (request, reply) => {
      const locale = LangParams.safeParse(request.params).data?.locale;
      // Only back to a page of ours: never an open redirect.
      const target = BackQuery.safeParse(request.query).data?.back ?? WEB_PATHS.home;
      if (locale)
        void reply.setCookie(LANG_COOKIE, locale, {
          path: '/',
          httpOnly: true,
          secure: true,
          sameSite: 'lax',
          maxAge: 31_536_000,
        });
      return reply.redirect(target, 303);
    });

    // ── Pages that need a session and a permission ───────────────────────────────────
    const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> => {
      const viewer = await viewerOf(request, deps);
      if (!viewer) {
        await message(request, reply, anonymousTr(request), 401, 'errors.signedOut');
        return undefined;
      }
      return viewer;
    };

    const unitPage = (action: Action, handler: Handler) => async (request: FastifyRequest, reply: FastifyReply) => {
      const viewer = await signedIn(request, reply);
      if (!viewer) return reply;
      const params = UnitParams.safeParse(request.params);
      // A refusal looks the same whether the unit exists or not.
      if (!params.success || !(await allowed(deps.store, viewer, action, params.data.code)))
        return message(request, reply, viewer.tr, 403, 'errors.forbidden', {}, true);
      const code = params.data.code;
      const may = {
        board: await allowed(deps.store, viewer, 'report.status', code),
        downloads: await allowed(deps.store, viewer, 'report.export', code),
      };
      return handler(request, reply, { ...viewer, may }, code);
    };

    const pageFrame = (viewer: Viewer, request: FastifyRequest, reply: FastifyReply, title: string, extra: Partial<PageFrame>) =>
      frame(viewer.tr, request, title, { csrf: reply.generateCsrf(), ...(viewer.may ? { may: viewer.may } : {}), ...extra });

    /** A unit's page from its data, or the page saying why there is none. */
    const showPage = <T extends object>(
      request: FastifyRequest,
      reply: FastifyReply,
      viewer: Viewer,
      result: PageOutcome<T>,
      page: { view: string; title: (data: T) => string; frame: Partial<PageFrame>; extra?: object },
    ): FastifyReply => {
      if (result.status === 'noUnit') return message(request, reply, viewer.tr, 404, 'errors.notFound', {}, true);
      if (result.status === 'noCampaign')
        return message(request, reply, viewer.tr, 404, 'errors.noCampaign', { unit: result.unitName }, true);
      const frame = pageFrame(viewer, request, reply, page.title(result.data), page.frame);
      return sendPage(reply, page.view, frame, { ...result.data, ...page.extra });
    };

    web.get(WEB_PATHS.home, async (request, reply) => {
      const viewer = await signedIn(request, reply);
      if (!viewer) return reply;
      const home = await homeUnit(deps.store, viewer.roles);
      if (!home || !(await allowed(deps.store, viewer, 'progress.view', home)))
        return message(request, reply, viewer.tr, 403, 'errors.noRole', {}, true);
      return reply.redirect(WEB_PATHS.overview(home), 303);
    });

    web.get(
      '/web/overview/:code',
      unitPage('progress.view', async (request, reply, viewer, code) => {
        const query = TableQuerySchema.parse(request.query);
        const result = await overviewData(deps.store, viewer.tr, code, query, deps.now());
        return showPage(request, reply, viewer, result, {
          view: 'overview',
          title: (data) => data.header.unitName,
          frame: { navUnit: code, current: 'overview', wall: query.wall === '1' },
        });
      }),
    );

    web.get(
      '/web/unit/:code',
      unitPage('progress.view', async (request, reply, viewer, code) => {
        const result = await unitPageData(deps.store, viewer.tr, code, deps.now());
        return showPage(request, reply, viewer, result, {
          view: 'unit',
          title: (data) => data.header.unitName,
          frame: { navUnit: code, current: 'unit' },
        });
      }),
    );

    const showBoard = async (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, code: string) => {
      const notice = await deps.store.webSessions.takeNotice(viewer.sessionId);
      const canRemind = await allowed(deps.store, viewer, 'report.remind', code);
      const state = z
        .enum(['onTime', 'late', 'missing'])
        .optional()
        .catch(undefined)
        .parse((request.query as { state?: string }).state);
      const result = await boardData(deps.store, viewer.tr, code, deps.now(), canRemind, state);
      return showPage(request, reply, viewer, result, {
        view: 'board',
        title: (data) => viewer.tr.t('web:board.title', { unit: data.unitName }),
        frame: { navUnit: code, current: 'board', path: WEB_PATHS.board(code) },
        extra: { notice },
      });
    };
    web.get('/web/reports/:code', unitPage('report.status', showBoard));
    web.post(
      '/web/reports/:code/remind',
      { preHandler: checkCsrf },
      unitPage('report.remind', async (request, reply, viewer, code) => {
        const notice = await remindFromBoard(deps.store, deps.texts, viewer.tr, code, viewer.personId, deps.now());
        // Back to the board, which says it once: reloading it then posts nothing again.
        await deps.store.webSessions.leaveNotice(viewer.sessionId, notice);
        return reply.redirect(WEB_PATHS.board(code), 303);
      }),
    );

    web.get(
      '/web/downloads/:code',
      unitPage('report.export', async (request, reply, viewer, code) => {
        const result = await downloadsData(deps.store, viewer.tr, code, deps.now());
        return showPage(request, reply, viewer, result, {
          view: 'downloads',
          title: (data) => viewer.tr.t('web:downloads.title', { unit: data.unitName }),
          frame: { navUnit: code, current: 'downloads' },
        });
      }),
    );

    web.get(
      '/web/downloads/:code/:file',
      unitPage('report.export', async (request, reply, viewer, code) => {
        const file = FileParams.safeParse(request.params).data?.file ?? '';
        const now = deps.now();
        const found = await workbookFile(deps.store, viewer.tr, code, file.replace(/\.xlsx$/, ''), now);
        if (!found) return message(request, reply, viewer.tr, 404, 'errors.notFound', {}, true);
        await deps.store.audit.record({
          actorId: viewer.personId,
          action: 'report.exported',
          unitCode: code,
          subject: `${found.period.kind}:${found.period.deadlineDay}`,
          details: { from: 'web' },
          at: now,
        });
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('Content-Disposition', `attachment; filename="${found.filename}"`)
          .header('Cache-Control', 'no-store')
          .send(Buffer.from(found.bytes));
      }),
    );

    // ── The public page ──────────────────────────────────────────────────────────────
    web.get(WEB_PATHS.public, async (request, reply) => {
      const tr = anonymousTr(request);
      if (!deps.settings.publicDashboard) return message(request, reply, tr, 404, 'errors.notFound');
      const data = await publicData(deps.store, tr, deps.now(), deps.settings.publicUnits);
      if (!data) return message(request, reply, tr, 404, 'errors.notFound');
      const wall = (request.query as { wall?: string }).wall === '1';
      return sendPage(
        reply,
        'public',
        frame(tr, request, tr.t('web:public.title', { unit: data.header.unitName }), { wall }),
        data,
      );
    });
  });
}
