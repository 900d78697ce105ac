// Opening a citizen's request and telling the right officials, now or when office hours
// begin; and, for the job, telling the next group about requests nobody has taken. The
// ticket and who was told are written in one transaction; the notices are queued after it
// commits, each under its own key: the job queues again, at every run, the notices of
// everyone recorded as told, so a failure in between delays a notice but never loses it,
// and nobody hears twice.
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import type { ChannelIdentity } from '../store/repositories.js';
import type { CommunityServices } from './deps.js';
import type { Delivery } from './messenger.js';
import { escalationChain } from './escalation.js';
import { newTicketNotice, waitingTicketNotice } from './notices.js';
import { nextOfficeStart, officeHoursFor, officeMinutesBetween } from './officeHours.js';
import type { HandoffTicket } from './tickets.js';

export type OpenOutcome =
  | { status: 'opened'; ticket: HandoffTicket; unitName: string; answerFrom: Date; duringOfficeHours: boolean }
  | { status: 'already'; ticket: HandoffTicket }
  | { status: 'nobody'; unitName: string }
  | { status: 'noUnit' };

export async function openRequest(
  s: CommunityServices,
  input: { citizenId: number; citizen: ChannelIdentity; unitCode: string; topic: string; at: Date },
): Promise<OpenOutcome> {
  const existing = await s.tickets.openOf(input.citizenId);
  if (existing) return { status: 'already', ticket: existing };
  const unit = await s.store.units.getUnit(input.unitCode);
  if (!unit) return { status: 'noUnit' };
  const chain = await escalationChain(s.store, unit.code);
  if (chain.length === 0) return { status: 'nobody', unitName: unitNameInSentence(unit.name) };
  const first = chain[0]!;
  const answerFrom = nextOfficeStart(input.at, await officeHoursFor(s.store, unit.code, input.at));
  const opened = await s.tickets.openTelling(input, first);
  if (!opened) {
    const again = await s.tickets.openOf(input.citizenId);
    return again ? { status: 'already', ticket: again } : { status: 'noUnit' };
  }
  const unitName = unitNameInSentence(unit.name);
  for (const personId of first)
    await s.messenger.send({
      key: `handoff:${opened.id}:notify:0:${personId}`,
      personId,
      about: input.citizenId,
      build: (tr) => newTicketNotice(tr, opened, unitName),
      at: input.at,
      notBefore: answerFrom,
    });
  return {
    status: 'opened',
    ticket: opened,
    unitName,
    answerFrom,
    duringOfficeHours: answerFrom.getTime() === input.at.getTime(),
  };
}

/**
 * Tells the next group about each request that has waited another `afterMinutes` office
 * minutes untaken. Returns how many messages were queued.
 */
export async function escalateWaiting(s: CommunityServices, now: Date, afterMinutes: number): Promise<number> {
  let queued = 0;
  for (const ticket of await s.tickets.waiting()) {
    const unit = await s.store.units.getUnit(ticket.unitCode);
    const unitName = unitNameInSentence(unit?.name ?? ticket.unitCode);
    const hours = await officeHoursFor(s.store, ticket.unitCode, now);
    const waited = officeMinutesBetween(ticket.openedAt, now, hours);
    // A notice for one person of one level of the chain, under the key that queues it once.
    const notice = (personId: number, level: number): Delivery =>
      level === 0
        ? {
            key: `handoff:${ticket.id}:notify:0:${personId}`,
            personId,
            about: ticket.citizenId,
            build: (tr) => newTicketNotice(tr, ticket, unitName),
            at: now,
            notBefore: nextOfficeStart(now, hours),
          }
        : {
            key: `handoff:${ticket.id}:level:${level}:${personId}`,
            personId,
            about: ticket.citizenId,
            build: (tr) => waitingTicketNotice(tr, ticket, unitName, waited),
            at: now,
          };
    // Everyone already recorded as told, in case their notice was never queued.
    for (const { personId, level } of await s.tickets.toldOf(ticket.id))
      if (await s.messenger.send(notice(personId, level))) queued++;
    const chain = await escalationChain(s.store, ticket.unitCode);
    for (let level = ticket.escalationLevel + 1; level < chain.length && waited >= level * afterMinutes; level++) {
      // Marked and recorded first; the notices go once that has committed.
      for (const personId of await s.tickets.escalate(ticket.id, level, chain[level]!))
        if (await s.messenger.send(notice(personId, level))) queued++;
    }
  }
  return queued;
}
