// The Official Account's token pair, one row per app, as stored: the channel seals and
// opens the tokens (ZALO_TOKEN_KEY), this only keeps the rows. A new pair replaces the old
// one in a single statement: Zalo's refresh tokens are single-use, so the new one must be
// on disk before the access token is used.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** A token pair as stored: the tokens are sealed when a key is set. */
export interface OaTokenRow {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  updatedAt: Date;
  /** Set when Zalo refused the refresh token; cleared by a new pair. */
  consentNeededAt?: Date;
}

/** The OA token rows, one per app id. */
export class ZaloOaTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(appId: string): Promise<OaTokenRow | undefined> {
    const row = await this.db
      .selectFrom('zalo_oa_token')
      .select(['access_token', 'refresh_token', 'expires_at', 'updated_at', 'consent_needed_at'])
      .where('app_id', '=', appId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      expiresAt: new Date(row.expires_at),
      updatedAt: new Date(row.updated_at),
      ...(row.consent_needed_at ? { consentNeededAt: new Date(row.consent_needed_at) } : {}),
    };
  }

  /** Stores a new pair (its consent flag cleared), replacing the app's old one. */
  async save(appId: string, pair: Pick<OaTokenRow, 'accessToken' | 'refreshToken' | 'expiresAt' | 'updatedAt'>): Promise<void> {
    const row = {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_at: pair.expiresAt.toISOString(),
      updated_at: pair.updatedAt.toISOString(),
      consent_needed_at: null,
    };
    await this.db
      .insertInto('zalo_oa_token')
      .values({ app_id: appId, ...row })
      .onConflict((oc) => oc.column('app_id').doUpdateSet(row))
      .execute();
  }

  /** Flags the pair saved at `pairSavedAt` as refused; only while it is still the stored one. */
  async markConsentNeeded(appId: string, at: Date, pairSavedAt: Date): Promise<void> {
    await this.db
      .updateTable('zalo_oa_token')
      .set({ consent_needed_at: at.toISOString() })
      .where('app_id', '=', appId)
      .where('updated_at', '=', pairSavedAt.toISOString())
      .execute();
  }

  /**
   * Rewrites the stored tokens in another form (encrypted now), only while the row still
   * holds `from`: a pair saved meanwhile is never overwritten by the older one.
   */
  async reseal(
    appId: string,
    from: Pick<OaTokenRow, 'accessToken' | 'refreshToken'>,
    to: Pick<OaTokenRow, 'accessToken' | 'refreshToken'>,
  ): Promise<void> {
    await this.db
      .updateTable('zalo_oa_token')
      .set({ access_token: to.accessToken, refresh_token: to.refreshToken })
      .where('app_id', '=', appId)
      .where('access_token', '=', from.accessToken)
      .where('refresh_token', '=', from.refreshToken)
      .execute();
  }
}
