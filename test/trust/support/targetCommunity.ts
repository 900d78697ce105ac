// An open request from a citizen and a household-coverage entry on each target unit, each
// with words found nowhere else, so a reply that leaks a ticket or a team's records shows.
import { HandoffTickets } from '../../../src/community/tickets.js';
import { HouseholdCoverage } from '../../../src/community/coverage.js';
import type { Store } from '../../../src/store/index.js';

export interface TargetCommunity {
  ticketId: number;
  topic: string;
  area: string;
}

export function seedTargetCommunity(store: Store, codes: readonly string[], at: Date): Map<string, TargetCommunity> {
  const tickets = new HandoffTickets(store.db);
  const coverage = new HouseholdCoverage(store.db);
  const seeded = new Map<string, TargetCommunity>();
  codes.forEach((code, i) => {
    const mark = 'KLMNOPQR'[i]!.repeat(2);
    const citizen = { channel: 'terminal' as const, externalId: `citizen-of-${code}` };
    const { person } = store.persons.findOrCreate(citizen, 'vi');
    const topic = `Nhờ xem giúp hồ sơ đất ${mark}`;
    const ticket = tickets.open({ unitCode: code, citizenId: person.id, citizen, topic, at })!;
    const area = `Ấp Riêng ${mark}`;
    coverage.record({ unitCode: code, areaName: area, visited: 40, withAccount: 30, by: person.id, at });
    seeded.set(code, { ticketId: ticket.id, topic, area });
  });
  return seeded;
}
