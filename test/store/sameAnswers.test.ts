// The bot answers the same on PostgreSQL as on SQLite: one scripted stretch of a province's
// week (a citizen in a guide, officials registering with the demo codes, /tiendo, a weekly
// report filed and compiled) runs on each engine, and the two transcripts must match word
// for word. On PostgreSQL the run gets a schema of its own, dropped afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { seedDemo } from '../../src/demo.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import type { InboundEvent } from '../../src/bot/types.js';
import { TEST_CAPABILITIES } from '../support/harness.js';
import { postgresUrl } from '../support/engines.js';

// Thursday 7/12/2023, before Friday's 17:00 deadline of the demo campaign's week.
const NOW = new Date('2023-12-07T09:00:00+07:00');
const config = loadConfig({ DATABASE_PATH: ':memory:', DATABASE_URL: '', DEMO_DATA: 'false' });
const quiet = { info: () => {} };

type Step = [who: string, event: InboundEvent];
const text = (t: string): InboundEvent => ({ kind: 'text', text: t });
const command = (name: string, args = ''): InboundEvent => ({ kind: 'command', name, args });

/** Runs the script, tapping choices by label; every reply's text and choice labels, codes masked. */
async function transcript(runtime: Runtime): Promise<string[]> {
  const invites = await seedDemo(runtime, quiet);
  const code = (role: string) => invites.find((i) => i.role === role)!.code;
  const lines: string[] = [];
  const last = new Map<string, { id: string; label: string }[]>();
  const say = async (who: string, event: InboundEvent) => {
    const replies = await runtime.engine.handle({ channel: 'telegram', externalId: who, event }, TEST_CAPABILITIES);
    last.set(
      who,
      replies.flatMap((r) => r.choices ?? []),
    );
    for (const r of replies)
      lines.push(
        `${who}> ${r.text.replace(/\b[A-Z0-9]{10}\b/g, '<code>')}${r.choices ? ` [${r.choices.map((c) => c.label).join(' | ')}]` : ''}`,
      );
  };
  const tap = async (who: string, label: RegExp) => {
    const choice = (last.get(who) ?? []).find((c) => label.test(c.label));
    if (!choice) throw new Error(`${who} has no choice ${String(label)}`);
    await say(who, { kind: 'choice', id: choice.id });
  };
  const script: (Step | (() => Promise<void>))[] = [
    ['citizen', text('xin chao, lam sao tao tai khoan dich vu cong')],
    ['citizen', text('toi chua co vneid')],
    ['citizen', text('nop le phi online the nao')],
    ['reporter', command('dangky', code('reporter'))],
    ['head', command('dangky', code('head'))],
    ['compiler', command('dangky', code('compiler'))],
    ['reporter', command('tiendo')],
    ['head', command('tiendo')],
    ['reporter', command('baocao')],
    () => tap('reporter', /^Đúng/),
    ['reporter', text('12')],
    ['reporter', text('5')],
    ['reporter', text('Thiếu máy quét')],
    ['reporter', text('không')],
    () => tap('reporter', /^Gửi báo cáo/),
    ['head', command('tonghop')],
    ['compiler', command('tiendo')],
    ['citizen', command('dulieucuatoi')],
  ];
  for (const step of script) await (typeof step === 'function' ? step() : say(...step));
  return lines;
}

const opened: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of opened) await close();
});

describe('the same answers on both engines', () => {
  it.skipIf(!postgresUrl)('a week of a citizen and three officials reads the same on PostgreSQL as on SQLite', async () => {
    const onSqlite = await createRuntime(config, { now: () => NOW });
    opened.push(() => onSqlite.store.close());
    const schema = await createFreshSchema(postgresUrl!);
    opened.push(() => dropSchema(postgresUrl!, schema));
    const store = await openPostgresStore(postgresUrl!, { schema, max: 4 });
    opened.unshift(() => store.close());
    const onPostgres = await createRuntime(config, { now: () => NOW, store });
    expect(onPostgres.store.engine).toBe('postgres');

    const expected = await transcript(onSqlite);
    // The script reached every part it means to: a guide, registration, figures, a filed report, the compilation.
    expect(expected.join('\n')).toMatch(/VNeID/);
    expect(expected.join('\n')).toMatch(/Đã gửi báo cáo tuần/);
    expect(expected.join('\n')).toMatch(/%/);
    expect(await transcript(onPostgres)).toEqual(expected);
  });
});
