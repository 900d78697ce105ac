// Keeps the OA's access token valid: refreshed when less than the margin is left, and at
// once when Zalo says it is invalid. Only one refresh runs at a time, among every replica
// (store.exclusive), and every caller waiting on a refresh shares its result: a second
// refresh would spend the single-use refresh token twice and break the chain, leaving only
// a new consent.
import axios from 'axios';
import { z } from 'zod';
import { ZaloConsentNeededError } from '../errors.js';
import type { ZaloLogger } from '../logger.js';
import { safeError } from '../safeError.js';
import type { OaTokenPair, OaTokenRepository, StoredOaTokens } from './tokenRepository.js';
import type { Exclusive } from '../../../store/coordination/exclusive.js';
import { TokenKeyError } from './tokenCipher.js';

export interface OaTokenKeeperOptions {
  repository: OaTokenRepository;
  /** Where a refresh takes its turn, so that two replicas never spend one refresh token. */
  exclusive: Exclusive;
  appId: string;
  appSecret: string;
  oauthRoot: string;
  refreshMarginMs: number;
  logger: ZaloLogger;
  now?: () => Date;
  timeoutMs?: number;
}

export type TokenHealth =
  | { ok: true }
  | {
      ok: false;
      detail: 'zalo_oa_tokens_missing' | 'zalo_oa_consent_needed' | 'zalo_oa_token_expired' | 'zalo_oa_token_key_wrong';
    };

const RefreshAnswer = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // A string of seconds in Zalo's answers; a number is taken too.
  expires_in: z.coerce.number().int().positive(),
});
const RefreshRefusal = z.looseObject({ error: z.coerce.number().optional(), error_name: z.string().optional() });

export const CONSENT_HINT = 'run `npm run cli -- zalo:tokens --access … --refresh … --expires-in …` with a new pair';

export class OaTokenKeeper {
  private refreshing: Promise<string> | undefined;
  /** The last pair read or written, so an error can be logged without it (see `secrets`). */
  private lastSeen: Pick<OaTokenPair, 'accessToken' | 'refreshToken'> | undefined;
  private readonly now: () => Date;
  private readonly http;

  constructor(private readonly opts: OaTokenKeeperOptions) {
    this.now = opts.now ?? (() => new Date());
    this.http = axios.create({ baseURL: opts.oauthRoot, timeout: opts.timeoutMs ?? 15_000, validateStatus: () => true });
  }

  /** A token to call the API with, refreshed first if it is about to expire. */
  async accessToken(): Promise<string> {
    const stored = await this.read();
    if (!stored || stored.consentNeededAt) throw new ZaloConsentNeededError();
    const left = stored.expiresAt.getTime() - this.now().getTime();
    if (left > this.opts.refreshMarginMs) return stored.accessToken;
    try {
      return await this.refresh(stored.accessToken);
    } catch (error) {
      // The old token still works until it expires; a failed early refresh is retried later.
      if (left > 0 && !(error instanceof ZaloConsentNeededError)) return stored.accessToken;
      throw error;
    }
  }

  /** Zalo refused `rejected`: refresh, unless someone already replaced it. */
  async afterRejection(rejected: string): Promise<string> {
    const stored = await this.read();
    if (!stored || stored.consentNeededAt) throw new ZaloConsentNeededError();
    if (stored.accessToken !== rejected) return stored.accessToken;
    return this.refresh(rejected);
  }

  async health(): Promise<TokenHealth> {
    let stored: StoredOaTokens | undefined;
    try {
      stored = await this.read();
    } catch (error) {
      // Stored encrypted under another ZALO_TOKEN_KEY (or none set): say so, do not crash /healthz.
      if (error instanceof TokenKeyError) return { ok: false, detail: 'zalo_oa_token_key_wrong' };
      throw error;
    }
    if (!stored) return { ok: false, detail: 'zalo_oa_tokens_missing' };
    if (stored.consentNeededAt) return { ok: false, detail: 'zalo_oa_consent_needed' };
    if (stored.expiresAt.getTime() <= this.now().getTime() && !this.refreshing)
      return { ok: false, detail: 'zalo_oa_token_expired' };
    return { ok: true };
  }

  /** The tokens this process has seen lately: never to be written to a log. */
  knownTokens(): string[] {
    return this.lastSeen ? [this.lastSeen.accessToken, this.lastSeen.refreshToken] : [];
  }

  private async read(): Promise<StoredOaTokens | undefined> {
    const stored = await this.opts.repository.get(this.opts.appId);
    if (stored) this.lastSeen = stored;
    return stored;
  }

  /**
   * Refreshes the pair whose access token was `seen`, sharing a refresh already running here
   * and waiting for one running on another replica (after which the pair is read again).
   */
  private refresh(seen: string): Promise<string> {
    this.refreshing ??= this.opts.exclusive
      .run(`zalo-oa-token:${this.opts.appId}`, () => this.exchange(seen))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async exchange(seen: string): Promise<string> {
    const stored = await this.read();
    if (!stored || stored.consentNeededAt) throw new ZaloConsentNeededError();
    // A refresh that ended while this caller was reading already replaced the pair.
    if (stored.accessToken !== seen) return stored.accessToken;
    const form = new URLSearchParams({
      refresh_token: stored.refreshToken,
      app_id: this.opts.appId,
      grant_type: 'refresh_token',
    });
    let response;
    try {
      response = await this.http.post('/v4/oa/access_token', form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: this.opts.appSecret },
      });
    } catch (error) {
      // Nothing came back: the refresh token may or may not be spent; try again later.
      this.opts.logger.warn(
        { err: safeError(error, this.secrets(stored.refreshToken)) },
        'zalo oa token refresh failed, will retry',
      );
      throw error;
    }
    const answer = RefreshAnswer.safeParse(response.data);
    if (response.status === 200 && answer.success) {
      const at = this.now();
      const pair: OaTokenPair = {
        accessToken: answer.data.access_token,
        refreshToken: answer.data.refresh_token,
        expiresAt: new Date(at.getTime() + answer.data.expires_in * 1000),
      };
      // Saved before the new access token is handed out: the old refresh token is spent.
      await this.opts.repository.save(this.opts.appId, pair, at);
      this.lastSeen = pair;
      this.opts.logger.info({ expiresAt: pair.expiresAt.toISOString() }, 'zalo oa access token refreshed');
      return pair.accessToken;
    }
    if (response.status >= 500 || response.status === 429) {
      this.opts.logger.warn({ status: response.status }, 'zalo oa token refresh failed, will retry');
      throw new Error(`Zalo OAuth answered HTTP ${response.status}`);
    }
    const refusal = RefreshRefusal.safeParse(response.data);
    await this.opts.repository.markConsentNeeded(this.opts.appId, this.now(), stored.updatedAt);
    this.opts.logger.error(
      { status: response.status, code: refusal.success ? refusal.data.error : undefined },
      `zalo oa refresh token refused: the OA administrator must consent again, then ${CONSENT_HINT}`,
    );
    throw new ZaloConsentNeededError();
  }

  private secrets(refreshToken: string): string[] {
    return [this.opts.appSecret, refreshToken];
  }
}
