// The dashboard's sign-in, on both engines: a link from the chat works once and only while
// fresh, a session lasts a working day, signing out from the chat ends every session of that
// person only, no secret is kept in clear, and the nightly purge removes what expired.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetentionRepository } from '../../src/store/jobs/retention.js';
import { WebSessionRepository } from '../../src/store/web/sessions.js';
import { ENGINES, type OpenEngine } from '../support/engines.js';

const AT = new Date('2024-03-01T02:00:00.000Z');
const later = (ms: number) => new Date(AT.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 3600_000;
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

describe.each(ENGINES)('web sign-in on $name', (engine) => {
  let db: OpenEngine;
  let web: WebSessionRepository;
  const person = async () =>
    (await db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow()).id;
  beforeEach(async () => {
    db = await engine.open();
    web = new WebSessionRepository(db.sql);
  });
  afterEach(async () => {
    await db.close();
  });

  it('lets a link sign in once', async () => {
    const official = await person();
    const link = await web.createLink(official, AT);
    expect(await web.redeemLink(link, later(MINUTE))).toBe(official);
    expect(await web.redeemLink(link, later(2 * MINUTE))).toBeUndefined();
    expect(await web.redeemLink('not-a-link', later(MINUTE))).toBeUndefined();
  });

  it('refuses a link after ten minutes', async () => {
    const official = await person();
    const fresh = await web.createLink(official, AT);
    const stale = await web.createLink(official, AT);
    expect(await web.redeemLink(fresh, later(10 * MINUTE - 1))).toBe(official);
    expect(await web.redeemLink(stale, later(10 * MINUTE))).toBeUndefined();
  });

  it('gives the person to exactly one of two redemptions at once', async () => {
    const official = await person();
    for (let round = 0; round < 10; round++) {
      const link = await web.createLink(official, AT);
      const outcomes = await Promise.all([web.redeemLink(link, later(MINUTE)), web.redeemLink(link, later(MINUTE))]);
      expect(outcomes.filter((o) => o === official)).toHaveLength(1);
      expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
    }
  });

  it('keeps a session eight hours, or until signing out', async () => {
    const official = await person();
    const session = await web.openSession(official, AT);
    expect(session.expiresAt).toEqual(later(8 * HOUR));
    expect(await web.sessionOf(session.id, later(8 * HOUR - 1))).toEqual({ personId: official, expiresAt: later(8 * HOUR) });
    expect(await web.sessionOf(session.id, later(8 * HOUR))).toBeUndefined();

    const other = await web.openSession(official, AT);
    await web.endSession(other.id, later(HOUR));
    expect(await web.sessionOf(other.id, later(HOUR))).toBeUndefined();
    expect(await web.sessionOf('not-a-session', AT)).toBeUndefined();
  });

  it('signs one person out everywhere from the chat, and no one else', async () => {
    const [official, colleague] = [await person(), await person()];
    const sessions = [await web.openSession(official, AT), await web.openSession(official, AT)];
    const ended = await web.openSession(official, AT);
    await web.endSession(ended.id, later(MINUTE));
    const unused = await web.createLink(official, AT);
    const theirs = await web.openSession(colleague, AT);
    const theirLink = await web.createLink(colleague, AT);

    expect(await web.endAllSessions(official, later(2 * MINUTE))).toBe(2);
    for (const s of sessions) expect(await web.sessionOf(s.id, later(3 * MINUTE))).toBeUndefined();
    expect(await web.redeemLink(unused, later(3 * MINUTE))).toBeUndefined();
    expect((await web.sessionOf(theirs.id, later(3 * MINUTE)))?.personId).toBe(colleague);
    expect(await web.redeemLink(theirLink, later(3 * MINUTE))).toBe(colleague);
    expect(await web.endAllSessions(official, later(4 * MINUTE))).toBe(0);
  });

  it("keeps an action's notice for the session's next page, says it once, and only to that session", async () => {
    const official = await person();
    const desk = await web.openSession(official, AT);
    const phone = await web.openSession(official, AT);
    await web.leaveNotice(desk.id, 'Đã xếp lịch nhắc 2 đơn vị');
    expect(await web.takeNotice(phone.id)).toBeUndefined();
    expect(await web.takeNotice(desk.id)).toBe('Đã xếp lịch nhắc 2 đơn vị');
    expect(await web.takeNotice(desk.id)).toBeUndefined();
  });

  it('stores no secret in clear, only its SHA-256', async () => {
    const official = await person();
    const link = await web.createLink(official, AT);
    const session = await web.openSession(official, AT);
    const links = await db.sql.selectFrom('web_link').selectAll().execute();
    const sessions = await db.sql.selectFrom('web_session').selectAll().execute();
    expect(links.map((r) => r.token_hash)).toEqual([sha256(link)]);
    expect(sessions.map((r) => r.id_hash)).toEqual([sha256(session.id)]);
    const stored = JSON.stringify([links, sessions]);
    for (const secret of [link, session.id]) expect(stored).not.toContain(secret);
  });

  it('goes with the person when they are erased', async () => {
    const official = await person();
    await web.createLink(official, AT);
    await web.openSession(official, AT);
    await db.sql.deleteFrom('person').where('id', '=', official).execute();
    expect(await db.sql.selectFrom('web_link').selectAll().execute()).toEqual([]);
    expect(await db.sql.selectFrom('web_session').selectAll().execute()).toEqual([]);
  });

  it('purges links and sessions a day after they expired, and nothing else', async () => {
    const official = await person();
    const oldLink = await web.createLink(official, AT);
    const oldSession = await web.openSession(official, AT);
    const now = later(8 * HOUR + 24 * HOUR + MINUTE);
    // Expired, but less than a day ago; and still valid.
    const recentLink = await web.createLink(official, later(24 * HOUR));
    const recentSession = await web.openSession(official, later(24 * HOUR));
    const liveSession = await web.openSession(official, now);

    const result = await new RetentionRepository(db.sql).purgeExpiredData(now);
    expect(result).toEqual({ conversations: 0, processedUpdates: 0, outboxMessages: 0, webSessions: 2 });
    const left = {
      links: (await db.sql.selectFrom('web_link').select('token_hash').execute()).map((r) => r.token_hash),
      sessions: (await db.sql.selectFrom('web_session').select('id_hash').execute()).map((r) => r.id_hash),
    };
    expect(left.links).toEqual([sha256(recentLink)]);
    expect(left.sessions.sort()).toEqual([sha256(recentSession.id), sha256(liveSession.id)].sort());
    expect(left.links).not.toContain(sha256(oldLink));
    expect(left.sessions).not.toContain(sha256(oldSession.id));
    expect(await web.purgeBefore(now.toISOString())).toBe(2);
    expect((await web.sessionOf(liveSession.id, now))?.personId).toBe(official);
  });
});
