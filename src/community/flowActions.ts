// The flow actions of asking for a person: who is asking (an official gets the open
// requests instead of the citizens' guide), whether a request is already open, and opening one.
import { z } from 'zod';
import type { FlowAction, FlowActionResult } from '../bot/context.js';
import type { CommunityServices } from './deps.js';
import { openRequest } from './handoff.js';
import { escalationChain } from './escalation.js';
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import { currentIdentity } from './identity.js';
import { canTakeTickets, ticketListReplies } from './ticketList.js';

/** Flow variables read and written here. */
export const HANDOFF_VARS = {
  commune: 'commune',
  topic: 'handoff_topic',
  ticket: 'ticket',
  unitName: 'ticket_unit',
  answerFrom: 'answer_from',
} as const;

/** One line about the problem: enough to know whom to send, short enough to read on a phone. */
export const TopicSchema = z.string().trim().min(3).max(300);

export function handoffActions(s: CommunityServices): Record<string, FlowAction> {
  const route: FlowAction = async (ctx) => {
    const roles = await s.store.roles.rolesOf(ctx.person.id);
    if (!canTakeTickets(roles)) return { outcome: 'citizen' };
    return { outcome: 'official', replies: await ticketListReplies(s, ctx.tr, ctx.person.id, roles, ctx.now) };
  };

  const check: FlowAction = async (ctx) => {
    const open = await s.tickets.openOf(ctx.person.id);
    if (!open) return { outcome: 'none' };
    return { outcome: 'open', vars: { [HANDOFF_VARS.ticket]: String(open.id) } };
  };

  const communeKnown: FlowAction = (ctx) => ({ outcome: ctx.vars[HANDOFF_VARS.commune] ? 'yes' : 'no' });

  // Said before the person writes their problem, not after: nobody can take it here.
  const reachable: FlowAction = async (ctx) => {
    const unit = await s.store.units.getUnit(ctx.vars[HANDOFF_VARS.commune] ?? '');
    if (!unit) return { outcome: 'missing' };
    if ((await escalationChain(s.store, unit.code)).length > 0) return { outcome: 'yes' };
    return { outcome: 'nobody', vars: { [HANDOFF_VARS.unitName]: unitNameInSentence(unit.name) } };
  };

  const open: FlowAction = async (ctx): Promise<FlowActionResult> => {
    const topic = TopicSchema.safeParse(ctx.vars[HANDOFF_VARS.topic] ?? '');
    if (!topic.success)
      return { outcome: 'invalid', replies: [{ text: ctx.tr.t('community:canbo.topicInvalid', { max: 300 }) }] };
    const citizen = await currentIdentity(s.store, ctx);
    const unitCode = ctx.vars[HANDOFF_VARS.commune];
    if (!citizen || !unitCode) return { outcome: 'missing' };
    const outcome = await openRequest(s, { citizenId: ctx.person.id, citizen, unitCode, topic: topic.data, at: ctx.now });
    switch (outcome.status) {
      case 'noUnit':
        return { outcome: 'missing' };
      case 'nobody':
        return { outcome: 'nobody', vars: { [HANDOFF_VARS.unitName]: outcome.unitName } };
      case 'already':
        return { outcome: 'already', vars: { [HANDOFF_VARS.ticket]: String(outcome.ticket.id) } };
      case 'opened':
        return {
          outcome: outcome.duringOfficeHours ? 'opened' : 'opened_later',
          vars: {
            [HANDOFF_VARS.ticket]: String(outcome.ticket.id),
            [HANDOFF_VARS.unitName]: outcome.unitName,
            [HANDOFF_VARS.answerFrom]: ctx.tr.fmt.dateTime(outcome.answerFrom),
          },
        };
    }
  };

  return {
    handoff_route: route,
    handoff_check: check,
    handoff_commune_known: communeKnown,
    handoff_reachable: reachable,
    handoff_open: open,
  };
}
