// An open request from a citizen and a household-coverage entry on each target unit, each
// with words found nowhere else, so a reply that leaks a ticket or a team's records shows.
import type { Store } from '../../../src/store/index.js';

export interface TargetCommunity {
  ticketId: number;
  topic: string;
  area: string;
}

export async function seedTargetCommunity(
  store: Pick<Store, 'persons' | 'tickets' | 'households'>,
  codes: readonly string[],
  at: Date,
): Promise<Map<string, TargetCommunity>> {
  const seeded = new Map<string, TargetCommunity>();
  for (const [i, code] of codes.entries()) {
    const mark = 'KLMNOPQR'[i]!.repeat(2);
    const citizen = { channel: 'terminal' as const, externalId: `citizen-of-${code}` };
    const { person } = await store.persons.findOrCreate(citizen, 'vi');
    const topic = `Nhờ xem giúp hồ sơ đất ${mark}`;
    const ticket = (await store.tickets.open({ unitCode: code, citizenId: person.id, citizen, topic, at }))!;
    const area = `Ấp Riêng ${mark}`;
    await store.households.record({ unitCode: code, areaName: area, visited: 40, withAccount: 30, by: person.id, at });
    seeded.set(code, { ticketId: ticket.id, topic, area });
  }
  return seeded;
}
