// Opening a citizen's request and telling the right officials, now or when office hours
// begin; and, for the job, telling the next group about requests nobody has taken.
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import { getUnit } from '../campaign/units/repository.js';
import type { ChannelIdentity } from '../store/repositories.js';
import type { CommunityServices } from './deps.js';
import { escalationChain } from './escalation.js';
import { newTicketNotice, waitingTicketNotice } from './notices.js';
import { nextOfficeStart, officeHoursFor, officeMinutesBetween } from './officeHours.js';
import type { HandoffTicket } from './tickets.js';

export type OpenOutcome =
  | { status: 'opened'; ticket: HandoffTicket; unitName: string; answerFrom: Date; duringOfficeHours: boolean }
  | { status: 'already'; ticket: HandoffTicket }
  | { status: 'nobody'; unitName: string }
  | { status: 'noUnit' };

export function openRequest(
  s: CommunityServices,
  input: { citizenId: number; citizen: ChannelIdentity; unitCode: string; topic: string; at: Date },
): OpenOutcome {
  const existing = s.tickets.openOf(input.citizenId);
  if (existing) return { status: 'already', ticket: existing };
  const unit = getUnit(s.db, input.unitCode);
  if (!unit) return { status: 'noUnit' };
  const chain = escalationChain(s.db, unit.code);
  if (chain.length === 0) return { status: 'nobody', unitName: unitNameInSentence(unit.name) };
  const ticket = s.db.transaction(() => {
    const opened = s.tickets.open(input);
    if (!opened) return undefined;
    const answerFrom = nextOfficeStart(input.at, officeHoursFor(s.db, unit.code, input.at));
    for (const personId of chain[0]!) {
      s.tickets.addRecipient(opened.id, personId, 0);
      s.messenger.send({
        key: `handoff:${opened.id}:notify:0:${personId}`,
        personId,
        about: input.citizenId,
        build: (tr) => newTicketNotice(tr, opened, unitNameInSentence(unit.name)),
        at: input.at,
        notBefore: answerFrom,
      });
    }
    return { opened, answerFrom };
  })();
  if (!ticket) {
    const again = s.tickets.openOf(input.citizenId);
    return again ? { status: 'already', ticket: again } : { status: 'noUnit' };
  }
  return {
    status: 'opened',
    ticket: ticket.opened,
    unitName: unitNameInSentence(unit.name),
    answerFrom: ticket.answerFrom,
    duringOfficeHours: ticket.answerFrom.getTime() === input.at.getTime(),
  };
}

/**
 * Tells the next group about each request that has waited another `afterMinutes` office
 * minutes untaken. Returns how many messages were queued.
 */
export function escalateWaiting(s: CommunityServices, now: Date, afterMinutes: number): number {
  let queued = 0;
  for (const ticket of s.tickets.waiting()) {
    const unit = getUnit(s.db, ticket.unitCode);
    const waited = officeMinutesBetween(ticket.openedAt, now, officeHoursFor(s.db, ticket.unitCode, now));
    const chain = escalationChain(s.db, ticket.unitCode);
    for (let level = ticket.escalationLevel + 1; level < chain.length && waited >= level * afterMinutes; level++) {
      s.db.transaction(() => {
        if (!s.tickets.markEscalated(ticket.id, level)) return;
        for (const personId of chain[level]!) {
          if (!s.tickets.addRecipient(ticket.id, personId, level)) continue;
          const sent = s.messenger.send({
            key: `handoff:${ticket.id}:level:${level}:${personId}`,
            personId,
            about: ticket.citizenId,
            build: (tr) => waitingTicketNotice(tr, ticket, unitNameInSentence(unit?.name ?? ticket.unitCode), waited),
            at: now,
          });
          if (sent) queued++;
        }
      })();
    }
  }
  return queued;
}
