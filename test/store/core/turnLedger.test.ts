// The turn ledger, on each engine the store runs on: an update's processed mark and its
// replies are written together or not at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/store/core/outbox.js';
import { KyselyPersonRepository } from '../../../src/store/core/persons.js';
import { KyselyTurnLedger } from '../../../src/store/core/turnLedger.js';
import { ENGINES, type OpenEngine } from '../../support/engines.js';

const AT = new Date('2024-03-04T01:00:00.000Z');

describe.each(ENGINES)('the turn ledger on $name', (engine) => {
  let db: OpenEngine;
  let outbox: Outbox;
  let turns: KyselyTurnLedger;
  beforeEach(async () => {
    db = await engine.open();
    outbox = new Outbox(db.sql);
    turns = new KyselyTurnLedger(db.sql, outbox);
  });
  afterEach(async () => {
    await db.close();
  });

  it('marks the update answered with its replies in order, the channel sending them itself', async () => {
    const persons = new KyselyPersonRepository(db.sql);
    const { person } = await persons.findOrCreate({ channel: 'telegram', externalId: '5' }, 'vi');
    const replies = [{ text: 'one' }, { text: 'two' }, { text: 'three' }];
    const committed = await turns.commit({ channel: 'telegram', updateId: '77', externalId: '5', replies }, AT);
    expect(committed!.queued).toBe(false);
    expect(committed!.rowIds).toHaveLength(3);
    expect(await turns.answered('telegram', '77')).toBe(true);
    expect(await turns.answered('telegram', '78')).toBe(false);
    // The answer carried the first-contact notice.
    expect((await persons.get(person.id))!.noticed).toBe(true);
    const rows = await db.sql
      .selectFrom('outbox_message')
      .select(['id', 'idempotency_key', 'status', 'attempts', 'purpose', 'payload'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.id)).toEqual(committed!.rowIds);
    expect(rows.map((r) => [r.idempotency_key, r.status, r.attempts, r.purpose])).toEqual([
      ['reply:telegram:77:0', 'sending', 1, 'reply'],
      ['reply:telegram:77:1', 'sending', 1, 'reply'],
      ['reply:telegram:77:2', 'sending', 1, 'reply'],
    ]);
    expect(rows.map((r) => JSON.parse(r.payload) as unknown)).toEqual(replies.map((r) => [r]));

    expect(await turns.commit({ channel: 'telegram', updateId: '77', externalId: '5', replies }, AT)).toBeUndefined();
    await turns.delivered(committed!.rowIds[0]!);
    await turns.handOver(committed!.rowIds.slice(1), AT, 'NetworkError');
    expect(await outbox.counts()).toMatchObject({ pending: 2, sending: 0 });
  });

  it('queues an answer behind replies not delivered yet, and wakes the worker for it', async () => {
    let woken = 0;
    outbox.onDueNow(() => woken++);
    const first = await turns.commit({ channel: 'zalo', externalId: 'z', replies: [{ text: 'a' }] }, AT);
    expect(first).toMatchObject({ queued: false });
    expect(woken).toBe(0);
    const second = await turns.commit({ channel: 'zalo', externalId: 'z', replies: [{ text: 'b' }, { text: 'c' }] }, AT);
    expect(second).toMatchObject({ queued: true });
    expect(woken).toBe(1);
    const statuses = await db.sql.selectFrom('outbox_message').select(['id', 'status']).orderBy('id').execute();
    expect(statuses.map((r) => r.status)).toEqual(['sending', 'pending', 'pending']);
    expect(statuses.slice(1).map((r) => r.id)).toEqual(second!.rowIds);
  });

  it('writes nothing when the replies cannot be stored: the update stays unanswered', async () => {
    // A row already holding the key of the second reply makes the insert fail half-way.
    await outbox.enqueue(
      {
        idempotencyKey: 'reply:telegram:90:1',
        channel: 'telegram',
        externalId: '9',
        purpose: 'reply',
        replies: [],
        notBefore: AT,
      },
      AT,
    );
    await expect(
      turns.commit({ channel: 'telegram', updateId: '90', externalId: '9', replies: [{ text: 'x' }, { text: 'y' }] }, AT),
    ).rejects.toThrow();
    expect(await turns.answered('telegram', '90')).toBe(false);
    expect(await outbox.counts()).toMatchObject({ pending: 1, sending: 0 });
  });
});
