// Handoff tickets and who was told about them. Every state change is one conditional
// UPDATE, so two officials tapping "take it" at once, or both sides closing at once, leave
// exactly one winner.
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { ChannelName } from '../../bot/types.js';
import type { HandoffTicket, TakeOutcome, TicketRequest, TicketStatus } from '../../community/tickets.js';
import { provinceDayOf } from '../../community/officeHours.js';
import type { ChannelIdentity } from '../repositories.js';
import type { DB, HandoffTicket as TicketTable } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

type TicketRow = Selectable<TicketTable>;
type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The open statuses as literals, not parameters: SQLite uses the partial index
 * handoff_ticket_one_open (citizen_id, open only) only when the query names them as written.
 */
const OPEN = [sql.lit('waiting'), sql.lit('taken')];

function fromRow(r: TicketRow): HandoffTicket {
  return {
    id: r.id,
    unitCode: r.unit_code,
    citizenId: r.citizen_id,
    citizen: { channel: r.citizen_channel as ChannelName, externalId: r.citizen_external_id },
    topic: r.topic,
    status: r.status as TicketStatus,
    openedAt: new Date(r.opened_at),
    takenBy: r.taken_by,
    ...(r.official_channel && r.official_external_id
      ? { official: { channel: r.official_channel as ChannelName, externalId: r.official_external_id } }
      : {}),
    ...(r.taken_at ? { takenAt: new Date(r.taken_at) } : {}),
    ...(r.first_answer_at ? { firstAnswerAt: new Date(r.first_answer_at) } : {}),
    ...(r.closed_at ? { closedAt: new Date(r.closed_at) } : {}),
    ...(r.closed_by ? { closedBy: r.closed_by as 'citizen' | 'official' } : {}),
    ...(r.rating !== null ? { rating: r.rating } : {}),
    escalationLevel: r.escalation_level,
  };
}

/** Inserts a request unless the citizen has one open (the partial unique index says so). */
async function insertTicket(db: Executor, input: TicketRequest): Promise<HandoffTicket | undefined> {
  const row = await db
    .insertInto('handoff_ticket')
    .values({
      unit_code: input.unitCode,
      citizen_id: input.citizenId,
      citizen_channel: input.citizen.channel,
      citizen_external_id: input.citizen.externalId,
      topic: input.topic,
      opened_at: input.at.toISOString(),
      opened_day: provinceDayOf(input.at),
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Records who was told; returns those not already told about this ticket. */
async function addRecipients(db: Executor, ticketId: number, personIds: readonly number[], level: number): Promise<number[]> {
  if (personIds.length === 0) return [];
  const added = await db
    .insertInto('handoff_recipient')
    .values(personIds.map((personId) => ({ ticket_id: ticketId, person_id: personId, level })))
    .onConflict((oc) => oc.columns(['ticket_id', 'person_id']).doNothing())
    .returning('person_id')
    .execute();
  const told = new Set(added.map((r) => r.person_id));
  return personIds.filter((id) => told.has(id));
}

/** The handoff tickets: opening, taking, relaying, closing, rating and escalating. */
export class TicketRepository {
  // Both asked on every message a person sends: compiled once (reusableQuery.ts).
  private readonly openOfCitizen;
  private readonly activeOfOfficial;

  constructor(private readonly db: Kysely<DB>) {
    this.openOfCitizen = reusableQuery(db, (citizenId: number) =>
      db.selectFrom('handoff_ticket').selectAll().where('citizen_id', '=', citizenId).where('status', 'in', OPEN),
    );
    this.activeOfOfficial = reusableQuery(db, (officialId: number) =>
      db
        .selectFrom('handoff_ticket')
        .selectAll()
        .where('taken_by', '=', officialId)
        .where('status', '=', sql.lit('taken'))
        .orderBy('active_at', 'desc')
        .orderBy('id', 'desc')
        .limit(sql.lit(1)),
    );
  }

  async get(id: number): Promise<HandoffTicket | undefined> {
    const row = await this.db.selectFrom('handoff_ticket').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The citizen's request still open (waiting or taken), if any. Asked on every message: one indexed query. */
  async openOf(citizenId: number): Promise<HandoffTicket | undefined> {
    const [row] = await this.openOfCitizen(citizenId);
    return row ? fromRow(row) : undefined;
  }

  /** Opens a request; undefined when the citizen already has one open. */
  async open(input: TicketRequest): Promise<HandoffTicket | undefined> {
    return insertTicket(this.db, input);
  }

  /**
   * Opens a request and records the first group told about it, in one transaction;
   * undefined (nothing written) when the citizen already has one open.
   */
  async openTelling(input: TicketRequest, personIds: readonly number[]): Promise<HandoffTicket | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const opened = await insertTicket(trx, input);
      if (opened) await addRecipients(trx, opened.id, personIds, 0);
      return opened;
    });
  }

  /** The one conditional UPDATE that decides who takes a waiting ticket. */
  async take(id: number, officialId: number, official: ChannelIdentity, at: Date): Promise<TakeOutcome> {
    const won = await this.db
      .updateTable('handoff_ticket')
      .set({
        status: 'taken',
        taken_by: officialId,
        official_channel: official.channel,
        official_external_id: official.externalId,
        taken_at: at.toISOString(),
        active_at: at.toISOString(),
      })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .returningAll()
      .executeTakeFirst();
    if (won) return { status: 'taken', ticket: fromRow(won) };
    const ticket = await this.get(id);
    if (!ticket) return { status: 'unknown' };
    if (ticket.status === 'closed') return { status: 'closed', ticket };
    if (ticket.takenBy === officialId) {
      // Tapping one's own ticket again makes it the conversation one is typing into.
      await this.db
        .updateTable('handoff_ticket')
        .set({ active_at: at.toISOString(), official_channel: official.channel, official_external_id: official.externalId })
        .where('id', '=', id)
        .execute();
      return { status: 'mine', ticket };
    }
    return { status: 'takenByOther', ticket };
  }

  /** The conversation an official is typing into: the one they took or picked last. Asked on every message: one indexed query. */
  async activeFor(officialId: number): Promise<HandoffTicket | undefined> {
    const [row] = await this.activeOfOfficial(officialId);
    return row ? fromRow(row) : undefined;
  }

  /** Counts one relayed message; returns its sequence number (for the outbox key). */
  async countRelay(id: number, fromOfficial: boolean, at: Date): Promise<number> {
    const row = await this.db
      .updateTable('handoff_ticket')
      .set((eb) => ({
        relayed_count: eb('relayed_count', '+', 1),
        // The official's first words answer the request; later ones change nothing.
        ...(fromOfficial ? { first_answer_at: eb.fn.coalesce('first_answer_at', eb.val(at.toISOString())) } : {}),
      }))
      .where('id', '=', id)
      .returning('relayed_count')
      .executeTakeFirst();
    return row?.relayed_count ?? 0;
  }

  /** Closes an open ticket and forgets its topic; false when it was already closed. */
  async close(id: number, by: 'citizen' | 'official', at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('handoff_ticket')
      .set({ status: 'closed', closed_by: by, closed_at: at.toISOString(), topic: null })
      .where('id', '=', id)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the citizen's rating once, on a closed ticket that reached a person. */
  async rate(id: number, citizenId: number, rating: number): Promise<boolean> {
    const result = await this.db
      .updateTable('handoff_ticket')
      .set({ rating })
      .where('id', '=', id)
      .where('citizen_id', '=', citizenId)
      .where('status', '=', 'closed')
      .where('taken_by', 'is not', null)
      .where('rating', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Open tickets under any of these units (the units themselves included), oldest first. */
  async openUnder(unitCodes: 'anywhere' | readonly string[], limit: number): Promise<HandoffTicket[]> {
    if (unitCodes !== 'anywhere' && unitCodes.length === 0) return [];
    let query = this.db
      .selectFrom('handoff_ticket as t')
      .selectAll('t')
      .where('t.status', 'in', OPEN)
      .orderBy('t.opened_at')
      .orderBy('t.id')
      .limit(limit);
    if (unitCodes !== 'anywhere')
      query = query.where('t.unit_code', 'in', (eb) =>
        eb
          .selectFrom('unit_closure')
          .select('descendant_code')
          .where('ancestor_code', 'in', [...unitCodes]),
      );
    return (await query.execute()).map(fromRow);
  }

  /** Every ticket nobody has taken yet, by id. */
  async waiting(): Promise<HandoffTicket[]> {
    const rows = await this.db.selectFrom('handoff_ticket').selectAll().where('status', '=', 'waiting').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /**
   * Moves the escalation mark forward to `level` and records the people told at it, in one
   * transaction; returns those newly told (none when the ticket was taken, closed or already
   * escalated this far: a second job run never lowers the mark nor tells anyone twice).
   */
  async escalate(id: number, level: number, personIds: readonly number[]): Promise<number[]> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('handoff_ticket')
        .set({ escalation_level: level })
        .where('id', '=', id)
        .where('escalation_level', '<', level)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return [];
      return addRecipients(trx, id, personIds, level);
    });
  }

  /** Who was recorded as told about the ticket, and at which level of the chain. */
  async toldOf(ticketId: number): Promise<{ personId: number; level: number }[]> {
    const rows = await this.db
      .selectFrom('handoff_recipient')
      .select(['person_id', 'level'])
      .where('ticket_id', '=', ticketId)
      .orderBy('level')
      .orderBy('person_id')
      .execute();
    return rows.map((r) => ({ personId: r.person_id, level: r.level }));
  }

  /** Everyone told about the ticket, level by level. */
  async recipients(ticketId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('handoff_recipient')
      .select('person_id')
      .where('ticket_id', '=', ticketId)
      .orderBy('level')
      .orderBy('person_id')
      .execute();
    return rows.map((r) => r.person_id);
  }

  /** How many of the citizen's requests are open and how many closed (for /dulieucuatoi). */
  async countsOf(citizenId: number): Promise<{ open: number; closed: number }> {
    const rows = await this.db
      .selectFrom('handoff_ticket')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('citizen_id', '=', citizenId)
      .groupBy('status')
      .execute();
    const count = (status: TicketStatus) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { open: count('waiting') + count('taken'), closed: count('closed') };
  }

  /** Erasure: closes the citizen's open request and forgets their topic and chat; the tickets stay counted. */
  async forgetCitizen(citizenId: number, at: Date): Promise<void> {
    await this.db
      .updateTable('handoff_ticket')
      .set((eb) => ({
        status: 'closed',
        closed_at: eb.fn.coalesce('closed_at', eb.val(at.toISOString())),
        closed_by: eb.fn.coalesce('closed_by', eb.val('citizen')),
        topic: null,
        citizen_channel: '',
        citizen_external_id: '',
      }))
      .where('citizen_id', '=', citizenId)
      .execute();
  }
}
