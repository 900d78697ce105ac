// How Zalo's refusals are told apart. Both APIs answer most errors with HTTP 200 and a
// code in the body; what to do depends on the code alone (docs: the OA error table).

/** Why a person cannot be messaged on Zalo now; recorded for the outbox's report. */
export type UnreachableReason =
  'unfollowed' | 'not_follower' | 'blocked' | 'inactive' | 'window_closed' | 'paid_tier' | 'restricted' | 'bot_refused';

export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ZaloApiError';
  }
}

/** Retrying cannot help until the person writes again (or the OA buys a tier). */
export class ZaloUnreachableError extends ZaloApiError {
  readonly unreachable = true;
  constructor(
    code: number,
    message: string,
    readonly reason: UnreachableReason,
  ) {
    super(code, message);
    this.name = 'ZaloUnreachableError';
  }
}

/** The refresh token was refused: the OA administrator must consent again. */
export class ZaloConsentNeededError extends Error {
  constructor(message = 'Zalo OA tokens are missing or were refused: the OA administrator must consent again') {
    super(message);
    this.name = 'ZaloConsentNeededError';
  }
}

const UNREACHABLE: Record<number, UnreachableReason> = {
  [-213]: 'not_follower',
  [-217]: 'blocked',
  [-224]: 'paid_tier',
  [-227]: 'inactive',
  [-230]: 'window_closed',
  [-232]: 'window_closed',
  [-244]: 'restricted',
};

export type OaErrorKind = 'token' | 'unreachable' | 'rate_limited' | 'too_long' | 'unsupported' | 'permanent';

export function classifyOaError(code: number): OaErrorKind {
  if (code === -216 || code === -220 || code === -124) return 'token';
  if (code in UNREACHABLE) return 'unreachable';
  if (code === -32) return 'rate_limited';
  if (code === -210) return 'too_long';
  if (code === -201 || code === -233) return 'unsupported';
  return 'permanent';
}

export function unreachableReason(code: number): UnreachableReason | undefined {
  return UNREACHABLE[code];
}
