// Withdrawing an official's role in one transaction: the role, the reminders queued for
// it, and the audit event. Who an invitation made an official: campaign/roles/withdraw.ts.
import type { Kysely } from 'kysely';
import { type HeldRole, type InviteHolder, inviteHolder, withdrawalDetails } from '../../campaign/roles/withdraw.js';
import type { DB } from '../schema.js';
import { AuditLog } from '../core/audit.js';
import { Outbox } from '../core/outbox.js';
import { findInviteWith } from './invites.js';
import { revokeRoleWith } from './roleRows.js';

/** Withdraws a role in one transaction; false when the person did not hold it. */
export async function withdrawRoleIn(db: Kysely<DB>, held: HeldRole, now: Date, actorId: number | null): Promise<boolean> {
  return await db.transaction().execute(async (trx) => {
    if (!(await revokeRoleWith(trx, held.personId, held.unitCode, held.role))) return false;
    // Reminders queued for the role must not arrive after it is gone.
    await new Outbox(trx).dropPendingReminders(held.personId);
    await new AuditLog(trx).record({
      actorId,
      action: 'role.revoked',
      unitCode: held.unitCode,
      subject: `person:${held.personId}`,
      details: withdrawalDetails(held),
      at: now,
    });
    return true;
  });
}

/** Who an invitation (by id or code) made an official, and of what. */
export async function holderOfInviteIn(db: Kysely<DB>, idOrCode: string): Promise<InviteHolder> {
  return inviteHolder(await findInviteWith(db, idOrCode));
}
