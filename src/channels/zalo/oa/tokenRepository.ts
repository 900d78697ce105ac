// The Official Account's access and refresh token, one row per app (store.zaloTokens keeps
// the rows). With ZALO_TOKEN_KEY set both are stored encrypted (tokenCipher.ts), and a pair
// found in clear is encrypted at once.
import type { Store } from '../../../store/index.js';
import { TokenCipher, tokenKeyFromEnv } from './tokenCipher.js';

export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface StoredOaTokens extends OaTokenPair {
  updatedAt: Date;
  /** Set when Zalo refused the refresh token; cleared by a new pair. */
  consentNeededAt?: Date;
}

export class OaTokenRepository {
  private readonly cipher: TokenCipher;

  /** `key`: null stores in clear; by default ZALO_TOKEN_KEY, as the server and the CLI read it. */
  constructor(
    private readonly store: Pick<Store, 'zaloTokens'>,
    key: Buffer | null = tokenKeyFromEnv(process.env),
  ) {
    this.cipher = new TokenCipher(key);
  }

  async get(appId: string): Promise<StoredOaTokens | undefined> {
    const row = await this.store.zaloTokens.get(appId);
    if (!row) return undefined;
    const accessToken = this.cipher.open(row.accessToken, `${appId}:access`);
    const refreshToken = this.cipher.open(row.refreshToken, `${appId}:refresh`);
    // A pair saved before the key was set: encrypted now rather than at the next refresh.
    if (this.cipher.needsSealing(row.accessToken) || this.cipher.needsSealing(row.refreshToken))
      await this.store.zaloTokens.reseal(appId, row, this.sealed(appId, { accessToken, refreshToken }));
    return { ...row, accessToken, refreshToken };
  }

  async save(appId: string, pair: OaTokenPair, at: Date): Promise<void> {
    await this.store.zaloTokens.save(appId, { ...this.sealed(appId, pair), expiresAt: pair.expiresAt, updatedAt: at });
  }

  /** Marks the pair saved at `pairSavedAt` as refused; a pair saved since (a new consent) stays usable. */
  async markConsentNeeded(appId: string, at: Date, pairSavedAt: Date): Promise<void> {
    await this.store.zaloTokens.markConsentNeeded(appId, at, pairSavedAt);
  }

  private sealed(appId: string, pair: Pick<OaTokenPair, 'accessToken' | 'refreshToken'>) {
    return {
      accessToken: this.cipher.seal(pair.accessToken, `${appId}:access`),
      refreshToken: this.cipher.seal(pair.refreshToken, `${appId}:refresh`),
    };
  }
}
