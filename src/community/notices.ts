// What officials are told about a ticket: a new request, or one still waiting.
import type { Reply } from '../bot/types.js';
import type { Translator } from '../i18n/index.js';
import type { HandoffTicket } from './tickets.js';

export const takeChoiceId = (ticketId: number): string => `/nhanhotro ${ticketId}`;

export function newTicketNotice(tr: Translator, ticket: HandoffTicket, unitName: string): Reply[] {
  return [
    {
      text: tr.t('community:notify.new', {
        id: ticket.id,
        unit: unitName,
        time: tr.fmt.dateTime(ticket.openedAt),
        topic: ticket.topic ?? '',
      }),
      choices: [{ id: takeChoiceId(ticket.id), label: tr.t('community:notify.take') }],
    },
  ];
}

export function waitingTicketNotice(tr: Translator, ticket: HandoffTicket, unitName: string, minutes: number): Reply[] {
  return [
    {
      text: tr.t('community:notify.escalated', {
        id: ticket.id,
        unit: unitName,
        minutes: tr.fmt.count(minutes),
        time: tr.fmt.dateTime(ticket.openedAt),
        topic: ticket.topic ?? '',
      }),
      choices: [{ id: takeChoiceId(ticket.id), label: tr.t('community:notify.take') }],
    },
  ];
}
