// One-time invitations that bind an official to a unit with a role. The code is random
// (crypto), single use, expiring and revocable; only its hash is stored; guessing is
// bounded by the InviteGuard, and every creation, revocation and use is audited.
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../store/database.js';
import { AuditLog } from '../../store/audit.js';
import type { ChannelIdentity } from '../../store/repositories.js';
import { grantRole } from './repository.js';
import type { Role } from './types.js';
import { type GuardLogger, InviteGuard } from './inviteGuard.js';

export { MAX_FAILED_ATTEMPTS } from './inviteGuard.js';

// No 0/O, 1/I/L: read aloud or copied by hand without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10; // 31^10 ≈ 8·10^14
export const DEFAULT_INVITE_DAYS = 7;

export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function inviteCodeHash(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex');
}

export interface CreatedInvite {
  id: number;
  code: string;
  expiresAt: Date;
}

export interface InviteOrigin {
  /** Who asked for it, when a person did (null: an administrator at the command line). */
  actorId?: number | null;
  /** What made it, e.g. `cli` or `demo`, so demo invitations stand out in the audit log. */
  source?: string;
}

export function createInvite(
  db: Db,
  unitCode: string,
  role: Role,
  now: Date,
  validDays = DEFAULT_INVITE_DAYS,
  origin: InviteOrigin = {},
): CreatedInvite {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  return db.transaction((): CreatedInvite => {
    const result = db
      .prepare('INSERT INTO invite (code_hash, unit_code, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(inviteCodeHash(code), unitCode, role, now.toISOString(), expiresAt.toISOString());
    const id = Number(result.lastInsertRowid);
    // The id, never the code: whoever reads the audit log must not be able to register.
    new AuditLog(db).record({
      actorId: origin.actorId ?? null,
      action: 'invite.created',
      unitCode,
      subject: `invite:${id}`,
      details: { role, days: validDays, expiresAt: expiresAt.toISOString(), ...(origin.source ? { source: origin.source } : {}) },
      at: now,
    });
    return { id, code, expiresAt };
  })();
}

interface InviteRow {
  id: number;
  unit_code: string;
  role: Role;
  expires_at: string;
  used_at: string | null;
  used_by: number | null;
  revoked_at: string | null;
}

/** The invite an id or a typed code names, used or not. */
export function findInvite(db: Db, idOrCode: string): InviteRow | undefined {
  const byId = /^\d+$/.test(idOrCode.trim());
  return db
    .prepare(`SELECT * FROM invite WHERE ${byId ? 'id = ?' : 'code_hash = ?'}`)
    .get(byId ? Number(idOrCode) : inviteCodeHash(idOrCode)) as InviteRow | undefined;
}

/** Revokes by invite id or by the code itself; false when nothing could be revoked. */
export function revokeInvite(db: Db, idOrCode: string, now: Date, actorId: number | null = null): boolean {
  return db.transaction((): boolean => {
    const invite = findInvite(db, idOrCode);
    if (!invite || invite.revoked_at || invite.used_at) return false;
    db.prepare('UPDATE invite SET revoked_at = ? WHERE id = ?').run(now.toISOString(), invite.id);
    new AuditLog(db).record({
      actorId,
      action: 'invite.revoked',
      unitCode: invite.unit_code,
      subject: `invite:${invite.id}`,
      details: { role: invite.role },
      at: now,
    });
    return true;
  })();
}

/**
 * What /dangky tells the person. Every code that does not register them (unknown, used,
 * revoked, expired) is `refused` alike, so a reply never confirms that a code exists.
 */
export type RedeemOutcome =
  | { status: 'bound'; unitCode: string; role: Role }
  | { status: 'already'; unitCode: string; role: Role }
  | { status: 'refused' | 'tooManyAttempts' | 'slowedDown' };

export interface RedeemAttempt {
  personId: number;
  /** The chat the code came from; guessing is counted on it, not on the person. */
  identity?: ChannelIdentity;
  code: string;
  now: Date;
  log?: GuardLogger;
}

export function redeemInvite(db: Db, attempt: RedeemAttempt): RedeemOutcome {
  const { personId, now } = attempt;
  return db.transaction((): RedeemOutcome => {
    const guard = new InviteGuard(db, attempt.identity ?? { personId });
    // Decided before the code is looked at: a locked chat learns nothing about it.
    const verdict = guard.verdict(now);
    if (verdict === 'locked') return { status: 'tooManyAttempts' };
    if (verdict === 'slowedDown') return { status: 'slowedDown' };
    // By hash only, never by id: "/dangky 1" must not name invite number 1.
    const invite = db.prepare('SELECT * FROM invite WHERE code_hash = ?').get(inviteCodeHash(attempt.code)) as
      InviteRow | undefined;
    // Opening the same link twice is not an attack.
    if (invite?.used_at && invite.used_by === personId)
      return { status: 'already', unitCode: invite.unit_code, role: invite.role };
    if (!invite || invite.used_at || invite.revoked_at || invite.expires_at <= now.toISOString()) {
      guard.fail(now, attempt.log);
      return { status: 'refused' };
    }
    db.prepare('UPDATE invite SET used_at = ?, used_by = ? WHERE id = ?').run(now.toISOString(), personId, invite.id);
    grantRole(db, personId, invite.unit_code, invite.role, now);
    new AuditLog(db).record({
      actorId: personId,
      action: 'official.registered',
      unitCode: invite.unit_code,
      subject: `invite:${invite.id}`,
      details: { role: invite.role },
      at: now,
    });
    return { status: 'bound', unitCode: invite.unit_code, role: invite.role };
  })();
}
