// /ketthuc [ticket]: either side ends the conversation. The citizen is then asked to rate
// the help (1–5) and the bot is back to its guides for both.
import { z } from 'zod';
import type { CommandContext } from '../bot/context.js';
import type { Reply } from '../bot/types.js';
import { NAV_MENU } from '../flows/runner.js';
import type { Translator } from '../i18n/index.js';
import type { CommunityServices } from './deps.js';
import type { HandoffTicket } from './tickets.js';

export const RatingSchema = z.coerce.number().int().min(1).max(5);

export function ratingQuestion(tr: Translator, ticketId: number): Reply {
  return {
    text: tr.t('community:rate.ask', { id: ticketId }),
    choices: [1, 2, 3, 4, 5].map((n) => ({ id: `/danhgia ${ticketId} ${n}`, label: tr.t('community:rate.option', { n }) })),
  };
}

async function auditClosed(
  s: CommunityServices,
  ctx: CommandContext,
  ticket: HandoffTicket,
  details: Record<string, unknown>,
): Promise<void> {
  await s.store.audit.record({
    actorId: ctx.person.id,
    action: 'handoff.closed',
    unitCode: ticket.unitCode,
    subject: `ticket:${ticket.id}`,
    details,
    at: ctx.now,
  });
}

async function closeByCitizen(s: CommunityServices, ctx: CommandContext, ticket: HandoffTicket): Promise<Reply[]> {
  if (!(await s.tickets.close(ticket.id, 'citizen', ctx.now))) return [{ text: ctx.tr.t('community:close.nothingOpen') }];
  await auditClosed(s, ctx, ticket, { by: 'citizen', reachedPerson: ticket.status === 'taken' });
  if (ticket.status !== 'taken') return [{ text: ctx.tr.t('community:close.cancelled', { id: ticket.id }) }];
  if (ticket.takenBy !== null)
    await s.messenger.send({
      key: `handoff:${ticket.id}:closed`,
      personId: ticket.takenBy,
      ...(ticket.official ? { to: ticket.official } : {}),
      build: (tr) => [{ text: tr.t('community:close.byCitizenToOfficial', { id: ticket.id }) }],
      at: ctx.now,
    });
  return [{ text: ctx.tr.t('community:close.closedForCitizen', { id: ticket.id }) }, ratingQuestion(ctx.tr, ticket.id)];
}

async function closeByOfficial(s: CommunityServices, ctx: CommandContext, ticket: HandoffTicket): Promise<Reply[]> {
  if (!(await s.tickets.close(ticket.id, 'official', ctx.now))) return [{ text: ctx.tr.t('community:close.nothingOpen') }];
  await auditClosed(s, ctx, ticket, { by: 'official' });
  if (ticket.citizenId !== null)
    await s.messenger.send({
      key: `handoff:${ticket.id}:closed`,
      personId: ticket.citizenId,
      to: ticket.citizen,
      build: (tr) => [{ text: tr.t('community:close.byOfficialToCitizen', { id: ticket.id }) }, ratingQuestion(tr, ticket.id)],
      at: ctx.now,
    });
  const next = await s.tickets.activeFor(ctx.person.id);
  return [
    {
      text: [
        ctx.tr.t('community:close.closedForOfficial', { id: ticket.id }),
        ...(next ? [ctx.tr.t('community:close.stillOpen', { id: next.id })] : []),
      ].join('\n'),
    },
  ];
}

export function closeCommand(s: CommunityServices) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const typed = ctx.args.trim();
    const id = typed ? z.coerce.number().int().positive().safeParse(typed.split(/\s+/)[0]) : undefined;
    if (id && !id.success) return [{ text: ctx.tr.t('community:close.badId') }];
    const own = await s.tickets.openOf(ctx.person.id);
    if (own && (!id || id.data === own.id)) return closeByCitizen(s, ctx, own);
    const mine = id ? await s.tickets.get(id.data) : await s.tickets.activeFor(ctx.person.id);
    if (mine && mine.status === 'taken' && mine.takenBy === ctx.person.id) return closeByOfficial(s, ctx, mine);
    return [{ text: ctx.tr.t('community:close.nothingOpen') }];
  };
}

/** /danhgia <ticket> <1–5>: the citizen's rating, once per ticket. */
export function rateCommand(s: CommunityServices) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const [idText, ratingText] = ctx.args.trim().split(/\s+/);
    const id = z.coerce.number().int().positive().safeParse(idText);
    const rating = RatingSchema.safeParse(ratingText);
    if (!id.success || !rating.success) return [{ text: ctx.tr.t('community:rate.invalid') }];
    if (!(await s.tickets.rate(id.data, ctx.person.id, rating.data))) return [{ text: ctx.tr.t('community:rate.notPossible') }];
    return [
      {
        text: ctx.tr.t('community:rate.thanks', { rating: rating.data }),
        choices: [{ id: NAV_MENU, label: ctx.tr.t('common:nav.menu') }],
      },
    ];
  };
}
