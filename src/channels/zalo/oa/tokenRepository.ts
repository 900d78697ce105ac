// The Official Account's access and refresh token, one row per app. A refreshed pair
// replaces the old one in a single statement: Zalo's refresh tokens are single-use, so
// the new one must be on disk before the access token is used. With ZALO_TOKEN_KEY set both
// are stored encrypted (tokenCipher.ts), and a pair found in clear is encrypted at once.
import type { Db } from '../../../store/database.js';
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

interface TokenRow {
  access_token: string;
  refresh_token: string;
  expires_at: string;
  updated_at: string;
  consent_needed_at: string | null;
}

export class OaTokenRepository {
  private readonly select;
  private readonly upsert;
  private readonly flagConsent;
  private readonly reseal;
  private readonly cipher: TokenCipher;

  /** `key`: null stores in clear; by default ZALO_TOKEN_KEY, as the server and the CLI read it. */
  constructor(db: Db, key: Buffer | null = tokenKeyFromEnv(process.env)) {
    this.cipher = new TokenCipher(key);
    this.select = db.prepare<[string], TokenRow>(
      'SELECT access_token, refresh_token, expires_at, updated_at, consent_needed_at FROM zalo_oa_token WHERE app_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO zalo_oa_token (app_id, access_token, refresh_token, expires_at, updated_at, consent_needed_at)
       VALUES (@appId, @accessToken, @refreshToken, @expiresAt, @updatedAt, NULL)
       ON CONFLICT(app_id) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
         expires_at = excluded.expires_at, updated_at = excluded.updated_at, consent_needed_at = NULL`,
    );
    this.flagConsent = db.prepare('UPDATE zalo_oa_token SET consent_needed_at = ? WHERE app_id = ?');
    this.reseal = db.prepare(
      'UPDATE zalo_oa_token SET access_token = ?, refresh_token = ? WHERE app_id = ? AND access_token = ? AND refresh_token = ?',
    );
  }

  get(appId: string): StoredOaTokens | undefined {
    const row = this.select.get(appId);
    if (!row) return undefined;
    const accessToken = this.cipher.open(row.access_token, `${appId}:access`);
    const refreshToken = this.cipher.open(row.refresh_token, `${appId}:refresh`);
    // A pair saved before the key was set: encrypted now rather than at the next refresh.
    if (this.cipher.needsSealing(row.access_token) || this.cipher.needsSealing(row.refresh_token))
      this.reseal.run(
        this.cipher.seal(accessToken, `${appId}:access`),
        this.cipher.seal(refreshToken, `${appId}:refresh`),
        appId,
        row.access_token,
        row.refresh_token,
      );
    return {
      accessToken,
      refreshToken,
      expiresAt: new Date(row.expires_at),
      updatedAt: new Date(row.updated_at),
      ...(row.consent_needed_at ? { consentNeededAt: new Date(row.consent_needed_at) } : {}),
    };
  }

  save(appId: string, pair: OaTokenPair, at: Date): void {
    this.upsert.run({
      appId,
      accessToken: this.cipher.seal(pair.accessToken, `${appId}:access`),
      refreshToken: this.cipher.seal(pair.refreshToken, `${appId}:refresh`),
      expiresAt: pair.expiresAt.toISOString(),
      updatedAt: at.toISOString(),
    });
  }

  markConsentNeeded(appId: string, at: Date): void {
    this.flagConsent.run(at.toISOString(), appId);
  }
}
