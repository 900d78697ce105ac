import { describe, expect, it } from 'vitest';
import { purgeExpiredData } from '../../src/jobs/retention.js';
import { openStore } from '../../src/store/index.js';

describe('retention', () => {
  it('forgets conversation state and update ids past their period, and keeps recent ones', () => {
    const store = openStore(':memory:');
    const old = store.persons.findOrCreate({ channel: 'telegram', externalId: 'old' }, 'vi').person;
    const recent = store.persons.findOrCreate({ channel: 'telegram', externalId: 'recent' }, 'vi').person;
    const state = { flowId: 'menu', stepId: 'home', history: [], vars: { commune_q: 'ba tri' } };
    store.conversations.save(old.id, state, new Date('2023-10-01T00:00:00Z'));
    store.conversations.save(recent.id, state, new Date('2023-12-07T00:00:00Z'));
    store.db
      .prepare("INSERT INTO processed_update (channel, update_id, seen_at) VALUES ('telegram', '1', '2023-11-01T00:00:00Z')")
      .run();
    store.db
      .prepare("INSERT INTO processed_update (channel, update_id, seen_at) VALUES ('telegram', '2', '2023-12-07T00:00:00Z')")
      .run();

    const result = purgeExpiredData(store.db, new Date('2023-12-08T00:00:00Z'));
    expect(result).toMatchObject({ conversations: 1, processedUpdates: 1 });
    expect(store.conversations.get(old.id)).toBeUndefined();
    expect(store.conversations.get(recent.id)?.vars).toEqual({ commune_q: 'ba tri' });
    expect(store.processedUpdates.markProcessed('telegram', '2')).toBe(false);
  });
});
