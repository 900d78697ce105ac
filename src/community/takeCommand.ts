// /nhanhotro <ticket>: an official takes a citizen's request. The first tap wins (one
// conditional UPDATE); the citizen is told, and so is everyone else who was told about it.
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import { z } from 'zod';
import type { CommandContext } from '../bot/context.js';
import type { Reply } from '../bot/types.js';
import { can } from '../campaign/access.js';
import type { CommunityServices } from './deps.js';
import { currentIdentity } from './identity.js';

export const TicketIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function takeCommand(s: CommunityServices) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const id = TicketIdSchema.safeParse(ctx.args.split(/\s+/)[0]);
    if (!id.success) return [{ text: ctx.tr.t('community:take.askId') }];
    const ticket = await s.tickets.get(id.data);
    const roles = await s.store.roles.rolesOf(ctx.person.id);
    // A ticket of a unit the person cannot reach is answered like one that does not exist.
    if (!ticket || !(await can(roles, 'handoff.take', ticket.unitCode, s.relationOf)))
      return [{ text: ctx.tr.t('community:take.unknown', { id: id.data }) }];
    const me = await currentIdentity(s.store, ctx);
    if (!me) return [{ text: ctx.tr.t('community:take.unknown', { id: id.data }) }];
    const outcome = await s.tickets.take(ticket.id, ctx.person.id, me, ctx.now);
    const unitName = unitNameInSentence((await s.store.units.getUnit(ticket.unitCode))?.name ?? ticket.unitCode);
    switch (outcome.status) {
      case 'unknown':
        return [{ text: ctx.tr.t('community:take.unknown', { id: id.data }) }];
      case 'closed':
        return [{ text: ctx.tr.t('community:take.closed', { id: ticket.id }) }];
      case 'takenByOther':
        return [
          {
            text: ctx.tr.t('community:take.takenByOther', {
              id: ticket.id,
              time: ctx.tr.fmt.dateTime(outcome.ticket.takenAt ?? ctx.now),
            }),
          },
        ];
      case 'mine':
        return [
          {
            text: ctx.tr.t('community:take.resumed', { id: ticket.id, unit: unitName, topic: outcome.ticket.topic ?? '' }),
            choices: [{ id: `/ketthuc ${ticket.id}`, label: ctx.tr.t('community:close.button') }],
          },
        ];
      case 'taken':
        break;
    }
    const taken = outcome.ticket;
    await s.store.audit.record({
      actorId: ctx.person.id,
      action: 'handoff.taken',
      unitCode: taken.unitCode,
      subject: `ticket:${taken.id}`,
      details: { waitedMinutes: Math.round((ctx.now.getTime() - taken.openedAt.getTime()) / 60_000) },
      at: ctx.now,
    });
    if (taken.citizenId !== null)
      await s.messenger.send({
        key: `handoff:${taken.id}:taken`,
        personId: taken.citizenId,
        to: taken.citizen,
        build: (tr) => [{ text: tr.t('community:relay.takenForCitizen', { id: taken.id, unit: unitName }) }],
        at: ctx.now,
      });
    for (const other of await s.tickets.recipients(taken.id))
      if (other !== ctx.person.id)
        await s.messenger.send({
          key: `handoff:${taken.id}:taken-notice:${other}`,
          personId: other,
          build: (tr) => [{ text: tr.t('community:take.noticeToOthers', { id: taken.id, unit: unitName }) }],
          at: ctx.now,
        });
    return [
      {
        text: ctx.tr.t('community:take.won', { id: taken.id, unit: unitName, topic: taken.topic ?? '' }),
        choices: [{ id: `/ketthuc ${taken.id}`, label: ctx.tr.t('community:close.button') }],
      },
    ];
  };
}
