import { describe, expect, it } from 'vitest';
import { openTestStore } from '../support/testStore.js';

describe('retention', () => {
  it('forgets conversation state and update ids past their period, and keeps recent ones', async () => {
    const store = await openTestStore();
    const old = (await store.persons.findOrCreate({ channel: 'telegram', externalId: 'old' }, 'vi')).person;
    const recent = (await store.persons.findOrCreate({ channel: 'telegram', externalId: 'recent' }, 'vi')).person;
    const state = { flowId: 'menu', stepId: 'home', history: [], vars: { commune_q: 'ba tri' } };
    await store.conversations.save(old.id, state, new Date('2023-10-01T00:00:00Z'));
    await store.conversations.save(recent.id, state, new Date('2023-12-07T00:00:00Z'));
    await store.sql
      .insertInto('processed_update')
      .values([
        { channel: 'telegram', update_id: '1', seen_at: '2023-11-01T00:00:00Z' },
        { channel: 'telegram', update_id: '2', seen_at: '2023-12-07T00:00:00Z' },
      ])
      .execute();

    const result = await store.retention.purgeExpiredData(new Date('2023-12-08T00:00:00Z'));
    expect(result).toMatchObject({ conversations: 1, processedUpdates: 1 });
    expect(await store.conversations.get(old.id)).toBeUndefined();
    expect((await store.conversations.get(recent.id))?.vars).toEqual({ commune_q: 'ba tri' });
    expect(await store.processedUpdates.markProcessed('telegram', '2')).toBe(false);
  });
});
