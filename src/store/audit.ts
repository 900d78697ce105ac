// Who did what, when, on which unit. Details hold ids and counts, never a citizen's words.
import type { Db } from './database.js';

export type AuditAction =
  | 'official.registered'
  | 'role.granted'
  | 'role.revoked'
  | 'invite.created'
  | 'invite.revoked'
  | 'report.submitted'
  | 'report.corrected'
  | 'report.exported'
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

interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  action: string;
  unit_code: string | null;
  subject: string | null;
  details: string;
}

/** The append-only record of what officials and administrators did. */
export class AuditLog {
  private readonly insert;
  private readonly selectSince;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit_event (at, actor_id, action, unit_code, subject, details) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectSince = db.prepare<[string], AuditRow>('SELECT * FROM audit_event WHERE at >= ? ORDER BY id');
  }

  record(entry: AuditEntry): void {
    this.insert.run(
      (entry.at ?? new Date()).toISOString(),
      entry.actorId ?? null,
      entry.action,
      entry.unitCode ?? null,
      entry.subject ?? null,
      JSON.stringify(entry.details ?? {}),
    );
  }

  since(from: Date): AuditEvent[] {
    return this.selectSince.all(from.toISOString()).map((r) => ({
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
