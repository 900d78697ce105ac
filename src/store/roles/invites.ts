// One-time invitations: created, found, revoked and redeemed, each change in one
// transaction with its audit event. Codes, hashes and rules: campaign/roles/invites.ts.
import type { Kysely } from 'kysely';
import {
  type CreatedInvite,
  DEFAULT_INVITE_DAYS,
  inviteCodeHash,
  inviteIdTyped,
  type InviteOrigin,
  type InviteRow,
  newInviteCode,
  type RedeemAttempt,
  type RedeemOutcome,
  redeemable,
  revocable,
} from '../../campaign/roles/invites.js';
import { InviteGuard } from '../../campaign/roles/inviteGuard.js';
import type { Role } from '../../campaign/roles/types.js';
import type { DB } from '../schema.js';
import { isStoredId } from './storedId.js';
import { AuditLog } from '../core/audit.js';
import { KyselyInviteGuardStore } from './inviteGuard.js';
import { grantRoleWith } from './roleRows.js';

const INVITE_COLUMNS = ['id', 'unit_code', 'role', 'expires_at', 'used_at', 'used_by', 'revoked_at'] as const;

/** The invite an id or a typed code names, used or not, with the given executor. */
export async function findInviteWith(db: Kysely<DB>, idOrCode: string): Promise<InviteRow | undefined> {
  const id = inviteIdTyped(idOrCode);
  // A number no id column can hold names no invitation (and must not reach PostgreSQL's INTEGER).
  if (id !== undefined && !isStoredId(id)) return undefined;
  const query = db.selectFrom('invite').select(INVITE_COLUMNS);
  const row = await (
    id !== undefined ? query.where('id', '=', id) : query.where('code_hash', '=', inviteCodeHash(idOrCode))
  ).executeTakeFirst();
  return row ? { ...row, role: row.role as Role } : undefined;
}

/** Invitations and their redemption, guarded against guessing. */
export class KyselyInviteRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard = new KyselyInviteGuardStore(db),
  ) {}

  /** A new invitation; the code is returned once and only its hash is kept. */
  async createInvite(
    unitCode: string,
    role: Role,
    now: Date,
    validDays = DEFAULT_INVITE_DAYS,
    origin: InviteOrigin = {},
  ): Promise<CreatedInvite> {
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
    return await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('invite')
        .values({
          code_hash: inviteCodeHash(code),
          unit_code: unitCode,
          role,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The id, never the code: whoever reads the audit log must not be able to register.
      await new AuditLog(trx).record({
        actorId: origin.actorId ?? null,
        action: 'invite.created',
        unitCode,
        subject: `invite:${id}`,
        details: {
          role,
          days: validDays,
          expiresAt: expiresAt.toISOString(),
          ...(origin.source ? { source: origin.source } : {}),
        },
        at: now,
      });
      return { id, code, expiresAt };
    });
  }

  /** The invite an id or a typed code names, used or not. */
  findInvite(idOrCode: string): Promise<InviteRow | undefined> {
    return findInviteWith(this.db, idOrCode);
  }

  /** Revokes by invite id or by the code itself; false when nothing could be revoked. */
  async revokeInvite(idOrCode: string, now: Date, actorId: number | null = null): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const invite = await findInviteWith(trx, idOrCode);
      if (!invite || !revocable(invite)) return false;
      // Only while still unused and unrevoked: a registration committed meanwhile wins.
      const revoked = await trx
        .updateTable('invite')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', invite.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(revoked.numUpdatedRows) === 0) return false;
      await new AuditLog(trx).record({
        actorId,
        action: 'invite.revoked',
        unitCode: invite.unit_code,
        subject: `invite:${invite.id}`,
        details: { role: invite.role },
        at: now,
      });
      return true;
    });
  }

  /** /dangky: binds the person with the invited role, once, within the guard's limits. */
  async redeemInvite(attempt: RedeemAttempt): Promise<RedeemOutcome> {
    const { personId, now } = attempt;
    const salt = await this.guard.salt();
    return await this.db.transaction().execute(async (trx): Promise<RedeemOutcome> => {
      const guard = new InviteGuard(this.guard.on(trx), salt, attempt.identity ?? { personId });
      // Decided before the code is looked at: a locked chat learns nothing about it.
      const verdict = await guard.verdict(now);
      if (verdict === 'locked') return { status: 'tooManyAttempts' };
      if (verdict === 'slowedDown') return { status: 'slowedDown' };
      // By hash only, never by id: "/dangky 1" must not name invite number 1.
      const found = await trx
        .selectFrom('invite')
        .select(INVITE_COLUMNS)
        .where('code_hash', '=', inviteCodeHash(attempt.code))
        .executeTakeFirst();
      const invite = found ? { ...found, role: found.role as Role } : undefined;
      const decision = redeemable(invite, personId, now);
      if (decision === 'refused' || !invite) {
        await guard.fail(now, attempt.log);
        return { status: 'refused' };
      }
      if (decision === 'already') return { status: 'already', unitCode: invite.unit_code, role: invite.role };
      // The row decides, not what was read above: of two people sending the code at once (or
      // a revocation at the same moment), only the first change to land takes it.
      const taken = await trx
        .updateTable('invite')
        .set({ used_at: now.toISOString(), used_by: personId })
        .where('id', '=', invite.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) return { status: 'refused' };
      await grantRoleWith(trx, personId, invite.unit_code, invite.role, now);
      await new AuditLog(trx).record({
        actorId: personId,
        action: 'official.registered',
        unitCode: invite.unit_code,
        subject: `invite:${invite.id}`,
        details: { role: invite.role },
        at: now,
      });
      return { status: 'bound', unitCode: invite.unit_code, role: invite.role };
    });
  }
}
