// Who is looking: the session cookie names a person; their roles are read afresh on every
// request, so a role withdrawn in the chat closes its pages at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Texts, Translator } from '../i18n/index.js';
import { isLocale, type Locale } from '../i18n/format.js';
import type { Store } from '../store/index.js';
import type { PersonRole } from '../campaign/roles/types.js';
import { type Action, can } from '../campaign/access.js';

export const SESSION_COOKIE = 'dvc_session';
export const LANG_COOKIE = 'dvc_lang';

export interface Viewer {
  personId: number;
  sessionId: string;
  roles: PersonRole[];
  tr: Translator;
  /** On a unit's pages: which of its other pages the roles open (the navigation shows only those). */
  may?: { board: boolean; downloads: boolean };
}

/** The language asked for by the switch, else the person's chat language, else the default. */
export function localeOf(request: FastifyRequest, fallback: Locale): Locale {
  // Unparsed when an earlier hook answered first (the overload guard's 503).
  const asked = request.cookies?.[LANG_COOKIE];
  return isLocale(asked) ? asked : fallback;
}

export async function viewerOf(
  request: FastifyRequest,
  deps: { store: Store; texts: Pick<Texts, 'for'>; now: () => Date; defaultLocale: Locale },
): Promise<Viewer | undefined> {
  const sessionId = request.cookies?.[SESSION_COOKIE];
  if (!sessionId) return undefined;
  const session = await deps.store.webSessions.sessionOf(sessionId, deps.now());
  if (!session) return undefined;
  const person = await deps.store.persons.get(session.personId);
  if (!person) return undefined;
  const roles = await deps.store.roles.rolesOf(person.id);
  return { personId: person.id, sessionId, roles, tr: deps.texts.for(localeOf(request, person.locale ?? deps.defaultLocale)) };
}

/** The same permission function as the chat commands. */
export function allowed(store: Pick<Store, 'units'>, viewer: Viewer, action: Action, unitCode: string): Promise<boolean> {
  return can(viewer.roles, action, unitCode, (from, to) => store.units.relationOf(from, to));
}

/** Max-Age, not Expires: a phone whose clock is hours off keeps the cookie as long as the session lasts. */
export function sessionCookie(reply: FastifyReply, id: string, lifetimeMs: number): void {
  void reply.setCookie(SESSION_COOKIE, id, {
    path: '/web',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: Math.floor(lifetimeMs / 1000),
  });
}
