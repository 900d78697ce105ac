// Guessing invite codes through /dangky is bounded for real: per chat identity in a
// table erasure does not reset, and across the whole bot; and a refused code never says
// why, so an attacker learns nothing about which codes exist.
import { afterEach, describe, expect, it } from 'vitest';
import { campaignBot, DEMO_NOW } from './campaignBot.js';
import { MAX_FAILED_ATTEMPTS } from '../../src/campaign/roles/invites.js';
import { GLOBAL_FAILURES_PER_HOUR } from '../../src/campaign/roles/inviteGuard.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { TEST_CAPABILITIES } from '../support/harness.js';
import { openTestStore } from '../support/testStore.js';

let bot: Awaited<ReturnType<typeof campaignBot>>;
afterEach(() => bot?.close());

const wrong = (i: number) => `SAI${String(i).padStart(7, '2')}`.replace(/[01]/g, '3');

describe('/dangky guessing', () => {
  it('stays locked when the attacker erases their data and tries again', async () => {
    bot = await campaignBot();
    const invite = await bot.store.invites.createInvite('BT-BATRI', 'head', DEMO_NOW);
    const attacker = bot.as('attacker-chat');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await attacker.command('dangky', wrong(round * 10 + i));
      await attacker.command('xoadulieu', 'xacnhan');
    }
    // Even the right code is not checked while the chat is locked.
    await attacker.command('dangky', invite.code);
    expect(attacker.lastText()).toMatch(/quá nhiều lần/);
    expect(await bot.store.roles.rolesOf(await attacker.personId())).toEqual([]);
  });

  it('bounds a second, third… chat of the same attacker by the bot-wide limit', async () => {
    bot = await campaignBot();
    const invite = await bot.store.invites.createInvite('BT-BATRI', 'head', DEMO_NOW);
    const chats = GLOBAL_FAILURES_PER_HOUR / MAX_FAILED_ATTEMPTS;
    for (let c = 0; c < chats; c++) {
      const chat = bot.as(`attacker-${c}`);
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await chat.command('dangky', wrong(c * 10 + i));
    }
    const fresh = bot.as('attacker-fresh');
    await fresh.command('dangky', invite.code);
    expect(fresh.lastText()).toMatch(/thử lại sau ít phút/);
    expect(await bot.store.roles.rolesOf(await fresh.personId())).toEqual([]);
  });

  it("raises one warning in the server's log, naming no code and no chat", async () => {
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const logger = {
      warn: (obj: object, msg?: string) => lines.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
      error: (obj: object, msg?: string) => lines.push({ level: 'error', obj, ...(msg ? { msg } : {}) }),
    };
    const runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }), {
      store: await openTestStore(),
      logger,
      now: () => DEMO_NOW,
      floodLimits: { points: 100_000, windowSeconds: 1 },
    });
    try {
      await seedDemoData(runtime.store, DEMO_NOW);
      const typed: string[] = [];
      for (let i = 0; i < GLOBAL_FAILURES_PER_HOUR + 5; i++) {
        typed.push(wrong(i));
        const event = { kind: 'command' as const, name: 'dangky', args: typed[i]! };
        await runtime.engine.handle({ channel: 'telegram', externalId: `55500${i}`, event }, TEST_CAPABILITIES);
      }
      const alerts = lines.filter((l) => l.level === 'warn' && /invitation codes/.test(l.msg ?? ''));
      expect(alerts).toHaveLength(1);
      const text = JSON.stringify(alerts);
      for (const secret of [...typed, '55500']) expect(text).not.toContain(secret);
    } finally {
      await runtime.store.close();
    }
  });

  it('gives the same reply for an unknown, used, revoked or expired code', async () => {
    bot = await campaignBot();
    const used = await bot.store.invites.createInvite('BT-BATRI', 'head', DEMO_NOW);
    await bot.as('first-holder').command('dangky', used.code);
    const revoked = await bot.store.invites.createInvite('BT-BATRI', 'reporter', DEMO_NOW);
    await bot.store.invites.revokeInvite(String(revoked.id), DEMO_NOW);
    const expired = await bot.store.invites.createInvite(
      'BT-BATRI',
      'reporter',
      new Date(DEMO_NOW.getTime() - 3 * 86_400_000),
      1,
    );
    const replies: string[] = [];
    for (const [i, code] of [wrong(1), used.code, revoked.code, expired.code].entries()) {
      const person = bot.as(`kind-${i}`);
      await person.command('dangky', code);
      replies.push(person.lastReplies.at(-1)!.text);
    }
    expect(new Set(replies).size).toBe(1);
    expect(replies[0]).toContain('không dùng được');
  });

  it('counts failures in a table that holds no chat id and no person, and survives erasure', async () => {
    bot = await campaignBot();
    const attacker = bot.as('tg-987654321');
    for (let i = 0; i < 3; i++) await attacker.command('dangky', wrong(i));
    const personId = await attacker.personId();
    const rows = async () =>
      (await bot.store.sql.selectFrom('invite_failure').selectAll().execute()) as Record<string, unknown>[];
    expect(await rows()).toHaveLength(3);
    const dump = JSON.stringify(await rows());
    expect(dump).not.toContain('987654321');
    expect(Object.keys((await rows())[0]!).sort()).toEqual(['attempted_at', 'identity_hash']);
    expect(dump).not.toContain(`"${personId}"`);
    await attacker.command('xoadulieu', 'xacnhan');
    expect(await rows()).toHaveLength(3);
  });
});
