// Handoff tickets: a citizen's request to talk to a person of their commune, from opening
// to rating. Every state change is one conditional UPDATE, so two officials tapping
// "take it" at once, or both sides closing at once, leave exactly one winner.
import type { ChannelName } from '../bot/types.js';
import type { ChannelIdentity } from '../store/repositories.js';
import type { Db } from '../store/database.js';
import { provinceDayOf } from './officeHours.js';

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

interface TicketRow {
  id: number;
  unit_code: string;
  citizen_id: number | null;
  citizen_channel: string;
  citizen_external_id: string;
  topic: string | null;
  status: TicketStatus;
  opened_at: string;
  taken_by: number | null;
  official_channel: string | null;
  official_external_id: string | null;
  taken_at: string | null;
  first_answer_at: string | null;
  closed_at: string | null;
  closed_by: 'citizen' | 'official' | null;
  rating: number | null;
  escalation_level: number;
}

function fromRow(r: TicketRow): HandoffTicket {
  return {
    id: r.id,
    unitCode: r.unit_code,
    citizenId: r.citizen_id,
    citizen: { channel: r.citizen_channel as ChannelName, externalId: r.citizen_external_id },
    topic: r.topic,
    status: r.status,
    openedAt: new Date(r.opened_at),
    takenBy: r.taken_by,
    ...(r.official_channel && r.official_external_id
      ? { official: { channel: r.official_channel as ChannelName, externalId: r.official_external_id } }
      : {}),
    ...(r.taken_at ? { takenAt: new Date(r.taken_at) } : {}),
    ...(r.first_answer_at ? { firstAnswerAt: new Date(r.first_answer_at) } : {}),
    ...(r.closed_at ? { closedAt: new Date(r.closed_at) } : {}),
    ...(r.closed_by ? { closedBy: r.closed_by } : {}),
    ...(r.rating !== null ? { rating: r.rating } : {}),
    escalationLevel: r.escalation_level,
  };
}

export type TakeOutcome =
  | { status: 'taken'; ticket: HandoffTicket }
  | { status: 'mine'; ticket: HandoffTicket }
  | { status: 'takenByOther'; ticket: HandoffTicket }
  | { status: 'closed'; ticket: HandoffTicket }
  | { status: 'unknown' };

export class HandoffTickets {
  // Asked on every message a person sends (is there a conversation to relay?): prepared once.
  private readonly openOfCitizen;
  private readonly activeOfOfficial;

  constructor(private readonly db: Db) {
    this.openOfCitizen = db.prepare("SELECT * FROM handoff_ticket WHERE citizen_id = ? AND status IN ('waiting', 'taken')");
    this.activeOfOfficial = db.prepare(
      "SELECT * FROM handoff_ticket WHERE taken_by = ? AND status = 'taken' ORDER BY active_at DESC, id DESC LIMIT 1",
    );
  }

  get(id: number): HandoffTicket | undefined {
    const row = this.db.prepare('SELECT * FROM handoff_ticket WHERE id = ?').get(id) as TicketRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The citizen's request still open (waiting or taken), if any. */
  openOf(citizenId: number): HandoffTicket | undefined {
    const row = this.openOfCitizen.get(citizenId) as TicketRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Opens a request; undefined when the citizen already has one open. */
  open(input: {
    unitCode: string;
    citizenId: number;
    citizen: ChannelIdentity;
    topic: string;
    at: Date;
  }): HandoffTicket | undefined {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO handoff_ticket (unit_code, citizen_id, citizen_channel, citizen_external_id, topic, opened_at, opened_day)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.unitCode,
        input.citizenId,
        input.citizen.channel,
        input.citizen.externalId,
        input.topic,
        input.at.toISOString(),
        provinceDayOf(input.at),
      );
    return result.changes === 1 ? this.get(Number(result.lastInsertRowid)) : undefined;
  }

  /** The one conditional UPDATE that decides who takes a waiting ticket. */
  take(id: number, officialId: number, official: ChannelIdentity, at: Date): TakeOutcome {
    const won =
      this.db
        .prepare(
          `UPDATE handoff_ticket SET status = 'taken', taken_by = ?, official_channel = ?, official_external_id = ?,
             taken_at = ?, active_at = ?
           WHERE id = ? AND status = 'waiting'`,
        )
        .run(officialId, official.channel, official.externalId, at.toISOString(), at.toISOString(), id).changes === 1;
    const ticket = this.get(id);
    if (!ticket) return { status: 'unknown' };
    if (won) return { status: 'taken', ticket };
    if (ticket.status === 'closed') return { status: 'closed', ticket };
    if (ticket.takenBy === officialId) {
      // Tapping one's own ticket again makes it the conversation one is typing into.
      this.db
        .prepare('UPDATE handoff_ticket SET active_at = ?, official_channel = ?, official_external_id = ? WHERE id = ?')
        .run(at.toISOString(), official.channel, official.externalId, id);
      return { status: 'mine', ticket };
    }
    return { status: 'takenByOther', ticket };
  }

  /** The conversation an official is typing into: the one they took or picked last. */
  activeFor(officialId: number): HandoffTicket | undefined {
    const row = this.activeOfOfficial.get(officialId) as TicketRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Counts one relayed message; returns its sequence number (for the outbox key). */
  countRelay(id: number, fromOfficial: boolean, at: Date): number {
    const row = this.db
      .prepare(
        `UPDATE handoff_ticket SET relayed_count = relayed_count + 1,
           first_answer_at = CASE WHEN ? AND first_answer_at IS NULL THEN ? ELSE first_answer_at END
         WHERE id = ? RETURNING relayed_count`,
      )
      .get(fromOfficial ? 1 : 0, at.toISOString(), id) as { relayed_count: number } | undefined;
    return row?.relayed_count ?? 0;
  }

  /** Closes an open ticket and forgets its topic; false when it was already closed. */
  close(id: number, by: 'citizen' | 'official', at: Date): boolean {
    return (
      this.db
        .prepare(
          "UPDATE handoff_ticket SET status = 'closed', closed_by = ?, closed_at = ?, topic = NULL WHERE id = ? AND status != 'closed'",
        )
        .run(by, at.toISOString(), id).changes === 1
    );
  }

  /** Records the citizen's rating once, on a closed ticket that reached a person. */
  rate(id: number, citizenId: number, rating: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE handoff_ticket SET rating = ?
           WHERE id = ? AND citizen_id = ? AND status = 'closed' AND taken_by IS NOT NULL AND rating IS NULL`,
        )
        .run(rating, id, citizenId).changes === 1
    );
  }

  /** Open tickets under any of these units (the units themselves included), oldest first. */
  openUnder(unitCodes: 'anywhere' | readonly string[], limit: number): HandoffTicket[] {
    if (unitCodes !== 'anywhere' && unitCodes.length === 0) return [];
    const scope =
      unitCodes === 'anywhere'
        ? ''
        : `AND t.unit_code IN (SELECT descendant_code FROM unit_closure WHERE ancestor_code IN (${unitCodes.map(() => '?').join(', ')}))`;
    const rows = this.db
      .prepare(
        `SELECT t.* FROM handoff_ticket t WHERE t.status IN ('waiting', 'taken') ${scope} ORDER BY t.opened_at, t.id LIMIT ?`,
      )
      .all(...(unitCodes === 'anywhere' ? [] : unitCodes), limit) as TicketRow[];
    return rows.map(fromRow);
  }

  waiting(): HandoffTicket[] {
    return (this.db.prepare("SELECT * FROM handoff_ticket WHERE status = 'waiting' ORDER BY id").all() as TicketRow[]).map(
      fromRow,
    );
  }

  /** Moves the escalation mark forward only (a second job run never lowers it). */
  markEscalated(id: number, level: number): boolean {
    return (
      this.db
        .prepare("UPDATE handoff_ticket SET escalation_level = ? WHERE id = ? AND escalation_level < ? AND status = 'waiting'")
        .run(level, id, level).changes === 1
    );
  }

  /** Records who was told; false for a person already told about this ticket. */
  addRecipient(ticketId: number, personId: number, level: number): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO handoff_recipient (ticket_id, person_id, level) VALUES (?, ?, ?)')
        .run(ticketId, personId, level).changes === 1
    );
  }

  recipients(ticketId: number): number[] {
    return (
      this.db.prepare('SELECT person_id FROM handoff_recipient WHERE ticket_id = ? ORDER BY level, person_id').all(ticketId) as {
        person_id: number;
      }[]
    ).map((r) => r.person_id);
  }
}
