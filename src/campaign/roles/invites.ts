// One-time invitations that bind an official to a unit with a role. The code is random
// (crypto), single use, expiring and revocable; only its hash is stored; a person who
// keeps typing wrong codes is made to wait.
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../store/database.js';
import { grantRole } from './repository.js';
import type { Role } from './types.js';

// No 0/O, 1/I/L: read aloud or copied by hand without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10; // 31^10 ≈ 8·10^14
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MINUTES = 60;
export const DEFAULT_INVITE_DAYS = 7;

export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function hashOf(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex');
}

export interface CreatedInvite {
  id: number;
  code: string;
  expiresAt: Date;
}

export function createInvite(db: Db, unitCode: string, role: Role, now: Date, validDays = DEFAULT_INVITE_DAYS): CreatedInvite {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  const result = db
    .prepare('INSERT INTO invite (code_hash, unit_code, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashOf(code), unitCode, role, now.toISOString(), expiresAt.toISOString());
  return { id: Number(result.lastInsertRowid), code, expiresAt };
}

/** Revokes by invite id or by the code itself; false when nothing could be revoked. */
export function revokeInvite(db: Db, idOrCode: string, now: Date): boolean {
  const byId = /^\d+$/.test(idOrCode);
  const result = db
    .prepare(
      `UPDATE invite SET revoked_at = ? WHERE ${byId ? 'id = ?' : 'code_hash = ?'} AND revoked_at IS NULL AND used_at IS NULL`,
    )
    .run(now.toISOString(), byId ? Number(idOrCode) : hashOf(idOrCode));
  return result.changes > 0;
}

export type RedeemOutcome =
  | { status: 'bound'; unitCode: string; role: Role }
  | { status: 'already'; unitCode: string; role: Role }
  | { status: 'unknown' | 'expired' | 'used' | 'revoked' | 'tooManyAttempts' };

export function redeemInvite(db: Db, personId: number, typed: string, now: Date): RedeemOutcome {
  return db.transaction((): RedeemOutcome => {
    const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000).toISOString();
    const failures = (
      db.prepare('SELECT count(*) AS n FROM invite_attempt WHERE person_id = ? AND attempted_at > ?').get(personId, since) as {
        n: number;
      }
    ).n;
    if (failures >= MAX_FAILED_ATTEMPTS) return { status: 'tooManyAttempts' };
    const fail = <S extends 'unknown' | 'expired' | 'used' | 'revoked'>(status: S) => {
      db.prepare('INSERT INTO invite_attempt (person_id, attempted_at) VALUES (?, ?)').run(personId, now.toISOString());
      return { status };
    };
    const invite = db.prepare('SELECT * FROM invite WHERE code_hash = ?').get(hashOf(typed)) as
      | { id: number; unit_code: string; role: Role; expires_at: string; used_at: string | null; used_by: number | null; revoked_at: string | null }
      | undefined;
    if (!invite) return fail('unknown');
    if (invite.used_at) {
      // Opening the same link twice is not an attack.
      if (invite.used_by === personId) return { status: 'already', unitCode: invite.unit_code, role: invite.role };
      return fail('used');
    }
    if (invite.revoked_at) return fail('revoked');
    if (invite.expires_at <= now.toISOString()) return fail('expired');
    db.prepare('UPDATE invite SET used_at = ?, used_by = ? WHERE id = ?').run(now.toISOString(), personId, invite.id);
    grantRole(db, personId, invite.unit_code, invite.role, now);
    db.prepare('DELETE FROM invite_attempt WHERE person_id = ?').run(personId);
    return { status: 'bound', unitCode: invite.unit_code, role: invite.role };
  })();
}
