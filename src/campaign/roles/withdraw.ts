// Withdrawing an official's role (they left, or changed post): effective at once, since
// every command reads person_role afresh, and audited with ids only. The withdrawal itself
// is one transaction in the store (store.roles.withdrawRole); who an invitation made an
// official of what is decided here.
import type { AuditEvent } from '../../store/core/audit.js';
import type { InviteRow } from './invites.js';
import type { Role } from './types.js';

export interface HeldRole {
  personId: number;
  unitCode: string;
  role: Role;
  /** The invitation the role came from, when the administrator named it that way. */
  inviteId?: number;
}

export type InviteHolder =
  { found: true; held: HeldRole } | { found: false; why: 'unknown' | 'unused' | 'holderErased'; inviteId?: number };

/** Who an invitation made an official, and of what. */
export function inviteHolder(invite: InviteRow | undefined): InviteHolder {
  if (!invite) return { found: false, why: 'unknown' };
  if (!invite.used_at) return { found: false, why: 'unused', inviteId: invite.id };
  // used_by is cleared when the person erased their data; their roles went with them.
  if (invite.used_by === null) return { found: false, why: 'holderErased', inviteId: invite.id };
  return { found: true, held: { personId: invite.used_by, unitCode: invite.unit_code, role: invite.role, inviteId: invite.id } };
}

/** What a withdrawal records in the audit log: the role, and how the administrator named it. */
export function withdrawalDetails(held: HeldRole): Record<string, unknown> {
  return held.inviteId === undefined
    ? { role: held.role, by: 'person' }
    : { role: held.role, by: 'invite', invite: held.inviteId };
}

/** Withdrawals recorded since `from`, newest last, for a unit or a person. */
export async function withdrawalsSince(
  audit: { since(from: Date): AuditEvent[] | Promise<AuditEvent[]> },
  from: Date,
  about: { unitCode: string } | { personId: number },
): Promise<AuditEvent[]> {
  return (await audit.since(from)).filter(
    (e) =>
      e.action === 'role.revoked' &&
      ('unitCode' in about ? e.unitCode === about.unitCode : e.subject === `person:${about.personId}`),
  );
}
