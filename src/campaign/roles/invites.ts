// One-time invitations that bind an official to a unit with a role. The code is random
// (crypto), single use, expiring and revocable; only its hash is stored; guessing is
// bounded by the InviteGuard, and every creation, revocation and use is audited. The
// queries live in the store (store.invites); the code, its hash and the rules live here.
import { createHash, randomInt } from 'node:crypto';
import type { ChannelIdentity } from '../../store/repositories.js';
import type { Role } from './types.js';
import type { GuardLogger } from './inviteGuard.js';

export { MAX_FAILED_ATTEMPTS } from './inviteGuard.js';

// No 0/O, 1/I/L: read aloud or copied by hand without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10; // 31^10 ≈ 8·10^14
export const DEFAULT_INVITE_DAYS = 7;

export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** What is stored instead of the code. */
export function inviteCodeHash(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex');
}

/** A fresh random code. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
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

/** An invitation as stored. */
export interface InviteRow {
  id: number;
  unit_code: string;
  role: Role;
  expires_at: string;
  used_at: string | null;
  used_by: number | null;
  revoked_at: string | null;
}

/** A typed id (digits only) names an invitation by number; anything else is a code. */
export function inviteIdTyped(idOrCode: string): number | undefined {
  return /^\d+$/.test(idOrCode.trim()) ? Number(idOrCode) : undefined;
}

/** Whether an invitation may still be revoked. */
export function revocable(invite: InviteRow): boolean {
  return !invite.revoked_at && !invite.used_at;
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

/** What a code found by its hash does for this person now: bind them, tell them they are bound, or nothing. */
export function redeemable(invite: InviteRow | undefined, personId: number, now: Date): 'bind' | 'already' | 'refused' {
  // Opening the same link twice is not an attack.
  if (invite?.used_at && invite.used_by === personId) return 'already';
  if (!invite || invite.used_at || invite.revoked_at || invite.expires_at <= now.toISOString()) return 'refused';
  return 'bind';
}
