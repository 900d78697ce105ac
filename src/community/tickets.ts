// Handoff tickets: a citizen's request to talk to a person of their commune, from opening
// to rating. The queries are in src/store/community/tickets.ts; every state change there is
// one conditional UPDATE, so two officials tapping "take it" at once, or both sides closing
// at once, leave exactly one winner.
import type { ChannelIdentity } from '../store/repositories.js';

export type TicketStatus = 'waiting' | 'taken' | 'closed';

export interface HandoffTicket {
  id: number;
  unitCode: string;
  citizenId: number | null;
  citizen: ChannelIdentity;
  topic: string | null;
  status: TicketStatus;
  openedAt: Date;
  takenBy: number | null;
  official?: ChannelIdentity;
  takenAt?: Date;
  firstAnswerAt?: Date;
  closedAt?: Date;
  closedBy?: 'citizen' | 'official';
  rating?: number;
  escalationLevel: number;
}

/** What a citizen asks for: the request as the citizen typed it (already masked). */
export interface TicketRequest {
  unitCode: string;
  citizenId: number;
  citizen: ChannelIdentity;
  topic: string;
  at: Date;
}

export type TakeOutcome =
  | { status: 'taken'; ticket: HandoffTicket }
  | { status: 'mine'; ticket: HandoffTicket }
  | { status: 'takenByOther'; ticket: HandoffTicket }
  | { status: 'closed'; ticket: HandoffTicket }
  | { status: 'unknown' };
