// Who did what, when, on which unit, on Kysely. Details hold ids and counts, never a citizen's words.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export type AuditAction =
  | 'official.registered'
  | 'role.granted'
  | 'role.revoked'
  | 'invite.created'
  | 'invite.revoked'
  | 'report.submitted'
  | 'report.corrected'
  | 'report.exported'
  | 'report.reminded'
  | 'web.signed_in'
  | 'web.signed_out'
  | 'person.data_deleted'
  | 'person.data_viewed'
  | 'handoff.taken'
  | 'handoff.closed'
  | 'household.recorded'
  | 'units.imported'
  | 'statistics.imported'
  | 'backup.made'
  | 'zalo.tokens.set';

export interface AuditEvent {
  id: number;
  at: string;
  actorId: number | null;
  action: AuditAction;
  unitCode: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry {
  actorId?: number | null;
  action: AuditAction;
  unitCode?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** The append-only record of what officials and administrators did. */
export class AuditLog {
  constructor(private readonly db: Kysely<DB>) {}

  /** Appends one event; `db` may be a transaction the event must commit with. */
  async record(entry: AuditEntry, db: Kysely<DB> = this.db): Promise<void> {
    await db
      .insertInto('audit_event')
      .values({
        at: (entry.at ?? new Date()).toISOString(),
        actor_id: entry.actorId ?? null,
        action: entry.action,
        unit_code: entry.unitCode ?? null,
        subject: entry.subject ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async since(from: Date): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_event')
      .selectAll()
      .where('at', '>=', from.toISOString())
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      action: r.action as AuditAction,
      unitCode: r.unit_code,
      subject: r.subject,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }
}
