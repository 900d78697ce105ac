// The web dashboard's sign-in: a one-time link sent in the chat opens a session. Secrets are
// handed out once and stored only as SHA-256 hashes, so a copy of the database signs no one in.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

/** A link must be opened soon after the chat sends it. */
const LINK_TTL_MS = 10 * 60_000;
/** A working day at the dashboard. */
const SESSION_TTL_MS = 8 * 3600_000;

/** 256 random bits, URL-safe: unguessable, so an index lookup by hash is all a check needs. */
const newSecret = () => randomBytes(32).toString('base64url');
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms).toISOString();

/** One-time sign-in links and the sessions they open. */
export class WebSessionRepository {
  /** Asked on every page: compiled once. */
  private readonly liveSession;

  constructor(private readonly db: Kysely<DB>) {
    this.liveSession = reusableQuery(db, (idHash: string, at: string) =>
      db
        .selectFrom('web_session')
        .select(['person_id', 'expires_at'])
        .where('id_hash', '=', idHash)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', at),
    );
  }

  /** A fresh link's secret for the person, to put in the URL sent to their chat. */
  async createLink(personId: number, at: Date, ttlMs = LINK_TTL_MS): Promise<string> {
    const secret = newSecret();
    await this.db
      .insertInto('web_link')
      .values({ token_hash: hashOf(secret), person_id: personId, created_at: at.toISOString(), expires_at: plus(at, ttlMs) })
      .execute();
    return secret;
  }

  /**
   * Spends the link and gives its person; undefined when unknown, expired or spent. One
   * conditional UPDATE: of two redemptions at once, only one finds it unspent.
   */
  async redeemLink(secret: string, at: Date): Promise<number | undefined> {
    const iso = at.toISOString();
    const row = await this.db
      .updateTable('web_link')
      .set({ used_at: iso })
      .where('token_hash', '=', hashOf(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso)
      .returning('person_id')
      .executeTakeFirst();
    return row?.person_id;
  }

  /** A new session for the person: its id (the cookie's value) and when it ends by itself. */
  async openSession(personId: number, at: Date, ttlMs = SESSION_TTL_MS): Promise<{ id: string; expiresAt: Date }> {
    const id = newSecret();
    const expiresAt = new Date(at.getTime() + ttlMs);
    await this.db
      .insertInto('web_session')
      .values({ id_hash: hashOf(id), person_id: personId, created_at: at.toISOString(), expires_at: expiresAt.toISOString() })
      .execute();
    return { id, expiresAt };
  }

  /** Whose session this is, while it is neither ended nor expired. */
  async sessionOf(id: string, at: Date): Promise<{ personId: number; expiresAt: Date } | undefined> {
    const [row] = await this.liveSession(hashOf(id), at.toISOString());
    return row ? { personId: row.person_id, expiresAt: new Date(row.expires_at) } : undefined;
  }

  /** Keeps what an action said for the next page of this session to show (Post/Redirect/Get). */
  async leaveNotice(id: string, notice: string): Promise<void> {
    await this.db.updateTable('web_session').set({ notice }).where('id_hash', '=', hashOf(id)).execute();
  }

  /** What an action of this session said, once: the notice is gone when read. */
  async takeNotice(id: string): Promise<string | undefined> {
    const idHash = hashOf(id);
    const row = await this.db.selectFrom('web_session').select('notice').where('id_hash', '=', idHash).executeTakeFirst();
    if (!row?.notice) return undefined;
    // Only the notice read: a newer one left meanwhile (another tab) stays for its own page.
    await this.db
      .updateTable('web_session')
      .set({ notice: null })
      .where('id_hash', '=', idHash)
      .where('notice', '=', row.notice)
      .execute();
    return row.notice;
  }

  /** How many sessions of the person are open now (for /dulieucuatoi). */
  async liveSessions(personId: number, at: Date): Promise<number> {
    const row = await this.db
      .selectFrom('web_session')
      .select((eb) => eb.fn.countAll<number | string>().as('live'))
      .where('person_id', '=', personId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', at.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.live);
  }

  /** Signs out of one session (nothing happens if it already ended). */
  async endSession(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('web_session')
      .set({ ended_at: at.toISOString() })
      .where('id_hash', '=', hashOf(id))
      .where('ended_at', 'is', null)
      .execute();
  }

  /**
   * Signs the person out everywhere, from the chat: ends their live sessions and spends their
   * unused links, in one transaction; returns how many sessions were live.
   */
  async endAllSessions(personId: number, at: Date): Promise<number> {
    const iso = at.toISOString();
    return await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('web_link')
        .set({ used_at: iso })
        .where('person_id', '=', personId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso)
        .execute();
      const ended = await trx
        .updateTable('web_session')
        .set({ ended_at: iso })
        .where('person_id', '=', personId)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', iso)
        .executeTakeFirst();
      return Number(ended.numUpdatedRows);
    });
  }

  /** Deletes the links and sessions that expired before the cut-off; returns how many. */
  async purgeBefore(iso: string): Promise<number> {
    const links = await this.db.deleteFrom('web_link').where('expires_at', '<', iso).executeTakeFirst();
    const sessions = await this.db.deleteFrom('web_session').where('expires_at', '<', iso).executeTakeFirst();
    return Number(links.numDeletedRows) + Number(sessions.numDeletedRows);
  }
}
