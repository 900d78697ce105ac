// /web: an official's one-time link to the dashboard (10 minutes, one use), sent only to
// their own chat. /web thoat signs them out of every browser at once.
import type { CommandContext } from '../bot/context.js';
import type { Reply } from '../bot/types.js';
import type { Store } from '../store/index.js';
import { WEB_PATHS } from './paths.js';

export function webCommand(store: Pick<Store, 'roles' | 'webSessions' | 'audit'>, baseUrl: string | undefined) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    if (/^(thoat|thoát|dangxuat|đăngxuất|logout|signout)$/i.test(ctx.args.replace(/\s+/g, ''))) {
      const ended = await store.webSessions.endAllSessions(ctx.person.id, ctx.now);
      await store.audit.record({
        actorId: ctx.person.id,
        action: 'web.signed_out',
        details: { sessions: ended, from: 'chat' },
        at: ctx.now,
      });
      return [{ text: ctx.tr.t(ended > 0 ? 'web:command.signedOut' : 'web:command.noSession', { sessions: ended }) }];
    }
    // Signing out works for anyone, also once every role is withdrawn; a link needs a role.
    const roles = await store.roles.rolesOf(ctx.person.id);
    if (roles.length === 0) return [{ text: ctx.tr.t('web:command.officialsOnly') }];
    if (!baseUrl) return [{ text: ctx.tr.t('web:command.notConfigured') }];
    const secret = await store.webSessions.createLink(ctx.person.id, ctx.now);
    return [
      {
        text: ctx.tr.t('web:command.link'),
        links: [{ label: ctx.tr.t('web:command.open'), url: `${baseUrl}${WEB_PATHS.signIn}?t=${secret}` }],
      },
    ];
  };
}
