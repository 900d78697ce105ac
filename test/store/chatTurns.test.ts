// One chat's turns one at a time across replicas: two runtimes on one PostgreSQL schema (two
// replicas, each with its own pools) get a new person's first two messages at the same
// moment, one each. The person is told the privacy notice once, and their two answers
// follow one another; without the chat lock both turns read "not noticed yet" and both tell it.
// The real channels record the notice when they commit the answer, which the engine does
// for them inside the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import { inProcessChatTurns } from '../../src/store/coordination/personTurn.js';
import { TEST_CAPABILITIES } from '../support/harness.js';
import type { Store } from '../../src/store/index.js';
import type { Reply } from '../../src/bot/types.js';
import { postgresUrl } from '../support/engines.js';

const config = loadConfig({ DATABASE_PATH: ':memory:', DATABASE_URL: '', DEMO_DATA: 'false' });
const PEOPLE = 30;
const NOTICE = /^Trước khi bắt đầu/;

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

async function twoReplicas(locked: boolean): Promise<Runtime[]> {
  const schema = await createFreshSchema(postgresUrl!);
  closing.push(() => dropSchema(postgresUrl!, schema));
  const replicas: Runtime[] = [];
  for (let i = 0; i < 2; i++) {
    const store = await openPostgresStore(postgresUrl!, { schema, max: 4 });
    closing.push(() => store.close());
    // Without the lock, with the notice recorded a little late (a busy database), as a race would have it.
    const persons = Object.create(store.persons) as Store['persons'];
    persons.markNoticed = async (id) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return store.persons.markNoticed(id);
    };
    const unlocked = { ...store, persons, chatTurns: inProcessChatTurns };
    replicas.push(await createRuntime(config, { store: locked ? store : unlocked }));
  }
  return replicas;
}

/**
 * How many times each person was told the notice, when their first two messages reach both
 * replicas at once; `durably` as the real channels do: the answer is committed to the
 * outbox, with the notice recorded as given, by the channel's own hook.
 */
async function noticesPerPerson(replicas: Runtime[], durably = false): Promise<number[]> {
  let update = 0;
  return Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const answers = await Promise.all(
        replicas.map((r) => {
          const updateId = String(++update);
          const channel = 'telegram' as const;
          const inbound = { channel, externalId: `p${i}`, event: { kind: 'text' as const, text: 'xin chào' } };
          const commit = async (replies: Reply[]) => {
            await r.store.turns.commit({ channel, updateId, externalId: inbound.externalId, replies }, new Date());
          };
          return r.engine.handle(durably ? { ...inbound, answeredDurably: true, commit } : inbound, TEST_CAPABILITIES);
        }),
      );
      return answers.flat().filter((reply) => NOTICE.test(reply.text)).length;
    }),
  );
}

/**
 * Delivers a text to one replica as the Telegram channel does: asked inside the turn whether
 * the update was answered already, and committed under the update's id; `dies` stands for a
 * replica that dies between answering and committing.
 */
function delivery(r: Runtime, text: string, updateId: string, dies = false) {
  const channel = 'telegram' as const;
  const inbound = { channel, externalId: 'nguoi-dan', event: { kind: 'text' as const, text } };
  return r.engine.handle(
    {
      ...inbound,
      answeredDurably: true,
      answered: () => r.store.turns.answered(channel, updateId),
      commit: async (replies: Reply[]) => {
        if (dies) throw new Error('the replica died before committing');
        await r.store.turns.commit({ channel, updateId, externalId: inbound.externalId, replies }, new Date());
      },
    },
    TEST_CAPABILITIES,
  );
}

describe.skipIf(!postgresUrl)('one chat, two replicas', () => {
  it('tells a new person the notice once when their first two messages reach both replicas at once', async () => {
    expect(await noticesPerPerson(await twoReplicas(true))).toEqual(Array(PEOPLE).fill(1));
  });

  it('tells it once when the channel commits the answer itself, as Telegram and Zalo do', async () => {
    expect(await noticesPerPerson(await twoReplicas(true), true)).toEqual(Array(PEOPLE).fill(1));
  });

  it('moves a person one step when one update reaches both replicas at once (a redelivery)', async () => {
    const [a, b] = await twoReplicas(true);
    let update = 0;
    const deliver = (r: Runtime, text: string, updateId = String(++update)) => delivery(r, text, updateId);
    for (const text of ['xin chào', 'tạo tài khoản vneid', '1']) await deliver(a!, text);
    const twice = String(++update);
    const answers = await Promise.all([deliver(a!, '1', twice), deliver(b!, '1', twice)]);
    // One of the two copies is answered; the other finds it answered and says nothing.
    expect(answers.filter((r) => r.length > 0)).toHaveLength(1);
    expect(answers.flat()[0]!.text).toMatch(/^Mở ứng dụng, chọn mục đăng ký tài khoản/);
    // The next step is the one after, not one further.
    expect((await deliver(b!, '1'))[0]!.text).toMatch(/^Ứng dụng chụp ảnh khuôn mặt/);
  });

  it('keeps nothing of a turn whose answer was never committed, so its redelivery moves the person one step', async () => {
    const [a, b] = await twoReplicas(true);
    let update = 0;
    const deliver = (r: Runtime, text: string, updateId = String(++update), dies = false) => delivery(r, text, updateId, dies);
    for (const text of ['xin chào', 'tạo tài khoản vneid', '1']) await deliver(a!, text);
    const cut = String(++update);
    await expect(deliver(a!, '1', cut, true)).rejects.toThrow(/died/);
    // Redelivered to the other replica: the step the person asked for, once.
    expect((await deliver(b!, '1', cut))[0]!.text).toMatch(/^Mở ứng dụng, chọn mục đăng ký tài khoản/);
    expect((await deliver(b!, '1'))[0]!.text).toMatch(/^Ứng dụng chụp ảnh khuôn mặt/);
  });

  it('tells it twice without the chat lock (the check above can fail)', async () => {
    const told = await noticesPerPerson(await twoReplicas(false));
    expect(told.some((n) => n > 1)).toBe(true);
  });
});
