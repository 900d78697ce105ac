// The outbox's queries, on each engine the store runs on: queued once by key, claimed when
// due in each chat's order, retried, expired, and forgotten on erasure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/store/core/outbox.js';
import type { OutboxEntry } from '../../../src/store/core/outboxMessage.js';
import { ENGINES, type OpenEngine } from '../../support/engines.js';

const T0 = new Date('2024-03-04T01:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function entry(key: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    idempotencyKey: key,
    channel: 'telegram',
    externalId: '100',
    purpose: 'reminder',
    replies: [{ text: key }],
    notBefore: T0,
    ...over,
  };
}

describe.each(ENGINES)('the outbox on $name', (engine) => {
  let db: OpenEngine;
  let outbox: Outbox;
  beforeEach(async () => {
    db = await engine.open();
    outbox = new Outbox(db.sql);
  });
  afterEach(async () => {
    await db.close();
  });

  it('queues a key once, and wakes the sender only for what is due now', async () => {
    let woken = 0;
    outbox.onDueNow(() => woken++);
    expect(await outbox.enqueue(entry('a'), T0)).toBe(true);
    expect(await outbox.enqueue(entry('a'), T0)).toBe(false);
    expect(woken).toBe(1);
    expect(await outbox.enqueue(entry('b', { notBefore: later(60_000) }), T0)).toBe(true);
    expect(woken).toBe(1);
    expect(await outbox.find('a')).toMatchObject({ idempotencyKey: 'a', status: 'pending', attempts: 0, personId: null });
    expect(await outbox.find('nothing')).toBeUndefined();
  });

  it('renews a claim only while its sender holds it: a renewed claim is not taken back, a taken one is not renewed', async () => {
    const mine = new Outbox(db.sql, { leaseMs: 10_000 });
    const other = new Outbox(db.sql, { leaseMs: 10_000 });
    await mine.enqueue(entry('a'), T0);
    await mine.enqueue(entry('b', { externalId: '200' }), T0);
    const [a, b] = await mine.claimDue(T0, 10);
    // At 9 s the first claim is held for another lease; at 12 s only the second has run out.
    expect(await mine.renew(a!.id, later(9000))).toBe(true);
    expect(await other.recoverExpiredLeases(later(12_000))).toBe(1);
    expect(await mine.renew(b!.id, later(12_500))).toBe(false);
    expect((await other.claimDue(later(12_500), 10)).map((m) => m.idempotencyKey)).toEqual(['b']);
    expect(await mine.renew(b!.id, later(13_000))).toBe(false);
    expect(await mine.renew(a!.id, later(13_000))).toBe(true);
  });

  it('carries image bytes through the payload', async () => {
    const image = new Uint8Array([0, 1, 2, 250]);
    await outbox.enqueue(entry('img', { replies: [{ text: 'photo', image: { png: image, caption: 'c' } }] }), T0);
    const [message] = await outbox.claimDue(T0, 10);
    expect(message!.replies).toEqual([{ text: 'photo', image: { png: image, caption: 'c' } }]);
  });

  it('claims due messages oldest first, one at a time per chat, and only for the channels asked', async () => {
    await outbox.enqueue(entry('first', { notBefore: T0 }), T0);
    await outbox.enqueue(entry('second', { notBefore: T0 }), T0);
    await outbox.enqueue(entry('other chat', { externalId: '200', notBefore: later(-1000) }), T0);
    await outbox.enqueue(entry('zalo', { channel: 'zalo', externalId: 'z', notBefore: T0 }), T0);
    await outbox.enqueue(entry('not yet', { externalId: '300', notBefore: later(5000) }), T0);
    expect(await outbox.claimDue(T0, 10, [])).toEqual([]);
    const claimed = await outbox.claimDue(T0, 10, ['telegram']);
    expect(claimed.map((m) => m.idempotencyKey)).toEqual(['other chat', 'first', 'second']);
    expect(claimed.every((m) => m.status === 'sending' && m.attempts === 1)).toBe(true);
    // A later message waits while earlier ones to the same chat are in flight.
    await outbox.enqueue(entry('third'), T0);
    expect(await outbox.claimDue(T0, 10, ['telegram'])).toEqual([]);
    await outbox.markSent(claimed[1]!.id, T0);
    await outbox.markSent(claimed[2]!.id, T0);
    expect((await outbox.claimDue(T0, 10)).map((m) => m.idempotencyKey)).toEqual(['zalo', 'third']);
    expect(await outbox.find('first')).toMatchObject({ status: 'sent' });
  });

  it('keeps a chat waiting behind an answer still to be sent, even one backing off', async () => {
    const reply = await outbox.enqueueReply({ idempotencyKey: 'r', channel: 'telegram', externalId: '100', replies: [] }, T0);
    await outbox.enqueue(entry('after the answer'), T0);
    // The worker tried the answer first, and it failed: it backs off for a minute.
    expect((await outbox.claimDue(T0, 10)).map((m) => m.id)).toEqual([reply]);
    await outbox.retryAt(reply, later(60_000), 'timeout');
    expect(await outbox.claimDue(later(1000), 10)).toEqual([]);
    const [claimed] = await outbox.claimDue(later(60_000), 10);
    expect(claimed!.id).toBe(reply);
    // A reply is deleted once sent, not kept as a record.
    await outbox.markSent(reply, later(60_000));
    expect(await outbox.find('r')).toBeUndefined();
    expect((await outbox.claimDue(later(60_000), 10)).map((m) => m.idempotencyKey)).toEqual(['after the answer']);
  });

  it('expires what is past its deadline instead of sending it', async () => {
    await outbox.enqueue(entry('late', { expiresAt: later(1000) }), T0);
    expect(await outbox.claimDue(later(1000), 10)).toEqual([]);
    expect(await outbox.find('late')).toMatchObject({ status: 'expired' });
  });

  it('retries, releases without counting an attempt, fails, and recovers what was in flight', async () => {
    await outbox.enqueue(entry('m'), T0);
    const [m] = await outbox.claimDue(T0, 10);
    await outbox.release(m!.id, later(2000));
    expect(await outbox.find('m')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: later(2000).toISOString() });
    await outbox.claimDue(later(2000), 10);
    await outbox.retryAt(m!.id, later(5000), 'busy');
    expect(await outbox.find('m')).toMatchObject({ status: 'pending', attempts: 1 });
    await outbox.claimDue(later(5000), 10);
    expect(await outbox.recoverInFlight()).toBe(1);
    expect(await outbox.find('m')).toMatchObject({ status: 'pending', attempts: 2 });
    await outbox.fail(m!.id, 'failed', 'gave up');
    expect(await outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 0, unreachable: 0, expired: 0, failed: 1 });
  });

  it('hands replies their sender could not deliver to the worker, and forgets delivered ones', async () => {
    const a = await outbox.enqueueClaimed(
      { idempotencyKey: 'a', channel: 'telegram', externalId: '1', purpose: 'reply', replies: [] },
      T0,
    );
    const b = await outbox.enqueueClaimed(
      { idempotencyKey: 'b', channel: 'telegram', externalId: '1', purpose: 'reply', replies: [] },
      T0,
    );
    expect(await outbox.hasWaitingReplies('telegram', '1')).toBe(true);
    expect(await outbox.find('a')).toMatchObject({ status: 'sending', attempts: 1 });
    await outbox.forgetDelivered(a);
    await outbox.handOver([b], later(2000), 'NetworkError');
    expect(await outbox.find('a')).toBeUndefined();
    expect(await outbox.find('b')).toMatchObject({ status: 'pending', nextAttemptAt: later(2000).toISOString() });
    await outbox.handOver([], T0, 'nothing');
    await outbox.forgetDelivered(b);
    expect(await outbox.hasWaitingReplies('telegram', '1')).toBe(false);
  });

  it('claims what is due to one recipient, for the terminal chat', async () => {
    await outbox.enqueue(entry('mine 2', { channel: 'terminal', externalId: 'me', notBefore: later(-1) }), T0);
    await outbox.enqueue(entry('mine 1', { channel: 'terminal', externalId: 'me', notBefore: later(-2) }), T0);
    await outbox.enqueue(entry('theirs', { channel: 'terminal', externalId: 'you' }), T0);
    const mine = await outbox.claimDueTo('terminal', 'me', T0, 20);
    expect(mine.map((m) => [m.idempotencyKey, m.status])).toEqual([
      ['mine 1', 'sending'],
      ['mine 2', 'sending'],
    ]);
  });

  it('marks chats unreachable and reachable again, and lists them', async () => {
    await outbox.setUnreachable('telegram', '1', 'blocked', T0);
    await outbox.setUnreachable('telegram', '1', 'deactivated', later(1000));
    await outbox.setUnreachable('zalo', '2', 'blocked', later(500));
    expect(await outbox.isUnreachable('telegram', '1')).toBe(true);
    expect(await outbox.unreachable()).toEqual([
      { channel: 'telegram', externalId: '1', reason: 'deactivated', since: T0.toISOString() },
      { channel: 'zalo', externalId: '2', reason: 'blocked', since: later(500).toISOString() },
    ]);
    await outbox.setReachable('telegram', '1');
    expect(await outbox.isUnreachable('telegram', '1')).toBe(false);
  });

  it('forgets a recipient on erasure, and drops the pending reminders of a withdrawn role', async () => {
    const { id: personId } = await db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow();
    await outbox.enqueue(entry('reminder', { personId }), T0);
    await outbox.enqueue(entry('report', { personId, purpose: 'report-reminder' }), T0);
    await outbox.enqueue(entry('escalation', { personId, purpose: 'escalation' }), T0);
    await outbox.enqueue(entry('relay', { externalId: '900', aboutPersonId: personId, purpose: 'handoff' }), T0);
    expect(await outbox.waitingAbout(personId)).toBe(1);
    await outbox.dropPendingReminders(personId);
    expect(await outbox.find('reminder')).toBeUndefined();
    expect(await outbox.find('report')).toBeUndefined();
    expect(await outbox.find('escalation')).toBeDefined();
    await outbox.setUnreachable('telegram', '100', 'blocked', T0);
    await outbox.forgetRecipient('telegram', '100');
    expect(await outbox.find('escalation')).toBeUndefined();
    expect(await outbox.isUnreachable('telegram', '100')).toBe(false);
    expect(await outbox.find('relay')).toBeDefined();
  });
});
