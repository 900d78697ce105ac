// What the shared database says at the end of the run, read by the test on its own handle.
import type { Store } from '../../../src/store/index.js';

/** Outbox rows still to send or in flight (a dead replica's claims until their lease runs out). */
export async function unsentCount(store: Store): Promise<number> {
  const row = await store.sql
    .selectFrom('outbox_message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Telegram updates recorded as handled. */
export async function handledUpdates(store: Store): Promise<number> {
  const row = await store.sql
    .selectFrom('processed_update')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'telegram')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many outbox rows whose key starts with `prefix` are in each status. */
export async function statusesOf(store: Store, prefix: string): Promise<{ status: string; n: number }[]> {
  const rows = await store.sql
    .selectFrom('outbox_message')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('idempotency_key', 'like', `${prefix}%`)
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}
