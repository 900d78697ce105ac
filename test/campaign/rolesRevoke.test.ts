// roles:revoke: an administrator withdraws an official's access, by person, unit and role
// or by the invitation the official used; it takes effect at once, is audited, and
// `roles` stops listing it (and shows it among recent withdrawals).
import { afterEach, describe, expect, it } from 'vitest';
import { campaignBot, DEMO_NOW } from './campaignBot.js';
import { CLI_COMMANDS } from '../../src/cli/registry.js';
import type { CliContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';

let bot: Awaited<ReturnType<typeof campaignBot>>;
afterEach(() => bot?.close());

async function cli(name: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) throw new Error(`no CLI command ${name}`);
  const ctx: CliContext = {
    config: loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }),
    store: bot.store,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    now: DEMO_NOW,
  };
  const code = await command.run(args, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('roles:revoke', () => {
  it('takes back the reminders already queued for the withdrawn role', async () => {
    bot = await campaignBot();
    const leaver = await bot.official('leaver-queued', 'BT-BATRI-TANMY', 'reporter');
    const leaverId = await leaver.personId();
    await bot.store.outbox.enqueue(
      {
        idempotencyKey: 'report-remind:test',
        personId: leaverId,
        channel: 'terminal',
        externalId: 'leaver-queued',
        purpose: 'report-reminder',
        replies: [{ text: 'nhắc' }],
        notBefore: new Date(DEMO_NOW.getTime() + 3_600_000),
      },
      DEMO_NOW,
    );
    expect((await cli('roles:revoke', '--person', String(leaverId), '--unit', 'BT-BATRI-TANMY', '--role', 'reporter')).code).toBe(
      0,
    );
    expect(await bot.store.outbox.find('report-remind:test')).toBeUndefined();
  });

  it('withdraws a role by person, unit and role: at once, audited, and gone from `roles`', async () => {
    bot = await campaignBot();
    const leaver = await bot.official('leaver', 'BT-BATRI', 'head');
    const stays = await bot.official('stays', 'BT-BATRI', 'reporter');
    const staysId = await stays.personId();
    await leaver.command('tiendo');
    expect(leaver.lastText()).toContain('Tiến độ chiến dịch: Huyện Ba Tri');

    const id = String(await leaver.personId());
    const revoked = await cli('roles:revoke', '--person', id, '--unit', 'bt-batri', '--role', 'head');
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain('Đã thu hồi');

    await leaver.command('tiendo');
    expect(leaver.lastText()).toContain('dành cho cán bộ');
    expect(await bot.store.roles.rolesOf(staysId)).toHaveLength(1);

    const listed = await cli('roles', '--unit', 'BT-BATRI');
    const [current, recent] = listed.out.split('Đã thu hồi trong');
    expect(current).toContain(`người dùng ${staysId}`);
    expect(current).not.toContain(`người dùng ${id}`);
    expect(recent).toContain(`người dùng ${id}`);

    const events = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'role.revoked');
    expect(events).toEqual([
      expect.objectContaining({ unitCode: 'BT-BATRI', subject: `person:${id}`, details: { role: 'head', by: 'person' } }),
    ]);
  });

  it('withdraws the role an invitation gave, by its code or its id', async () => {
    bot = await campaignBot();
    const first = await bot.store.invites.createInvite('BT-BATRI-TANXUAN', 'reporter', DEMO_NOW);
    const second = await bot.store.invites.createInvite('BT-BATRI', 'head', DEMO_NOW);
    const official = bot.as('official');
    await official.command('dangky', first.code);
    await official.command('dangky', second.code);
    const officialId = await official.personId();
    expect(await bot.store.roles.rolesOf(officialId)).toHaveLength(2);

    expect((await cli('roles:revoke', '--invite', first.code.toLowerCase())).code).toBe(0);
    expect((await bot.store.roles.rolesOf(officialId)).map((r) => r.role)).toEqual(['head']);
    expect((await cli('roles:revoke', '--invite', String(second.id))).code).toBe(0);
    expect(await bot.store.roles.rolesOf(officialId)).toEqual([]);
    const events = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'role.revoked');
    expect(events.map((e) => e.details)).toEqual([
      { role: 'reporter', by: 'invite', invite: first.id },
      { role: 'head', by: 'invite', invite: second.id },
    ]);
    expect(JSON.stringify(events)).not.toContain(first.code);
  });

  it('says clearly what is wrong and exits non-zero for a wrong person, unit, role or invitation', async () => {
    bot = await campaignBot();
    const official = await bot.official('official', 'BT-BATRI', 'head');
    const officialId = await official.personId();
    const id = String(officialId);
    const unused = await bot.store.invites.createInvite('BT-BATRI', 'reporter', DEMO_NOW);
    const cases: [string[], RegExp][] = [
      [['--person', id, '--unit', 'BT-NOWHERE', '--role', 'head'], /Không có đơn vị mã “BT-NOWHERE”/],
      [['--person', id, '--unit', 'BT-BATRI', '--role', 'boss'], /Vai trò “boss” không hợp lệ/],
      [['--person', '99999', '--unit', 'BT-BATRI', '--role', 'head'], /Không có người dùng số 99999/],
      [['--person', id, '--unit', 'BT-BATRI', '--role', 'reporter'], new RegExp(`Người dùng ${id} không giữ vai trò`)],
      [['--person', id, '--unit', 'BT-BATRI-TANXUAN', '--role', 'head'], new RegExp(`Người dùng ${id} không giữ vai trò`)],
      [['--person', id], /Cách dùng: roles:revoke/],
      [['--invite', 'ZZZZZZZZZZ'], /Không tìm thấy mã mời/],
      [['--invite', unused.code], /chưa được dùng/],
    ];
    for (const [args, message] of cases) {
      const result = await cli('roles:revoke', ...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.err, args.join(' ')).toMatch(message);
    }
    expect(await bot.store.roles.rolesOf(officialId)).toHaveLength(1);
    expect((await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'role.revoked')).toEqual([]);
  });

  it('says in its help that usernames are not stored', () => {
    const command = CLI_COMMANDS.find((c) => c.name === 'roles:revoke');
    expect(command?.usage).toMatch(/--person ID --unit CODE --role ROLE/);
    expect(command?.usage).toMatch(/--invite ID\|CODE/);
    expect(command?.usage).toMatch(/username/i);
  });
});

describe('invite', () => {
  it('gives the province-wide roles only on the province or a department, never on a commune', async () => {
    bot = await campaignBot();
    const invites = async () => (await bot.store.sql.selectFrom('invite').select('id').execute()).length;
    const before = await invites();
    const refused = await cli('invite', '--unit', 'BT-BATRI-TANXUAN', '--role', 'compiler');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('cán bộ tổng hợp số liệu của tỉnh');
    expect(refused.err).toContain('Xã Tân Xuân');
    expect(await invites()).toBe(before);
    expect((await cli('invite', '--unit', 'BT-SO-TTTT', '--role', 'compiler')).code).toBe(0);
    expect((await cli('invite', '--unit', 'BT-BATRI-TANXUAN', '--role', 'reporter')).code).toBe(0);
  });
});
