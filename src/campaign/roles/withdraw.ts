// Withdrawing an official's role (they left, or changed post): effective at once, since
// every command reads person_role afresh, and audited with ids only.
import type { Db } from '../../store/database.js';
import { AuditLog, type AuditEvent } from '../../store/audit.js';
import { findInvite } from './invites.js';
import { revokeRole } from './repository.js';
import { dropPendingReminders } from '../../store/outbox.js';
import type { Role } from './types.js';

export interface HeldRole {
  personId: number;
  unitCode: string;
  role: Role;
  /** The invitation the role came from, when the administrator named it that way. */
  inviteId?: number;
}

/** False when the person did not hold that role on that unit. `actorId`: who withdrew it in a chat (none at the command line). */
export function withdrawRole(db: Db, held: HeldRole, now: Date, actorId: number | null = null): boolean {
  return db.transaction((): boolean => {
    if (!revokeRole(db, held.personId, held.unitCode, held.role)) return false;
    // Reminders queued for the role must not arrive after it is gone.
    dropPendingReminders(db, held.personId);
    new AuditLog(db).record({
      actorId,
      action: 'role.revoked',
      unitCode: held.unitCode,
      subject: `person:${held.personId}`,
      details:
        held.inviteId === undefined
          ? { role: held.role, by: 'person' }
          : { role: held.role, by: 'invite', invite: held.inviteId },
      at: now,
    });
    return true;
  })();
}

export type InviteHolder =
  { found: true; held: HeldRole } | { found: false; why: 'unknown' | 'unused' | 'holderErased'; inviteId?: number };

/** Who an invitation (by id or code) made an official, and of what. */
export function holderOfInvite(db: Db, idOrCode: string): InviteHolder {
  const invite = findInvite(db, idOrCode);
  if (!invite) return { found: false, why: 'unknown' };
  if (!invite.used_at) return { found: false, why: 'unused', inviteId: invite.id };
  // used_by is cleared when the person erased their data; their roles went with them.
  if (invite.used_by === null) return { found: false, why: 'holderErased', inviteId: invite.id };
  return { found: true, held: { personId: invite.used_by, unitCode: invite.unit_code, role: invite.role, inviteId: invite.id } };
}

export function personExists(db: Db, personId: number): boolean {
  return db.prepare('SELECT 1 FROM person WHERE id = ?').get(personId) !== undefined;
}

/** Withdrawals recorded since `from`, newest last, for a unit or a person. */
export function withdrawalsSince(audit: AuditLog, from: Date, about: { unitCode: string } | { personId: number }): AuditEvent[] {
  return audit
    .since(from)
    .filter(
      (e) =>
        e.action === 'role.revoked' &&
        ('unitCode' in about ? e.unitCode === about.unitCode : e.subject === `person:${about.personId}`),
    );
}
