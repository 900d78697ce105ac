// Inviting officials (/moi) and withdrawing their roles (/thuhoi) by chat, with the same
// permissions as the command line's `invite` and `roles:revoke`: a head acts on their unit
// and the units below, never with a role above their own; the compiler and administrators
// anywhere. Each invitation and withdrawal is audited with who did it.
import { afterEach, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { createTestBot, type TestPerson } from '../support/harness.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import type { Role } from '../../src/campaign/roles/types.js';
import { INVITE_QR_OPTIONS } from '../../src/campaign/roles/moiCommand.js';
import { DEMO_NOW } from './campaignBot.js';

type Bot = Awaited<ReturnType<typeof createTestBot>>;
let bot: Bot;
afterEach(() => bot?.close());

async function officialsBot(env: Record<string, string> = { TELEGRAM_BOT_USERNAME: 'trolydvc_bot' }) {
  bot = await createTestBot({ now: () => DEMO_NOW, env });
  await seedDemoData(bot.store, DEMO_NOW);
  return bot;
}

async function official(externalId: string, unitCode: string, role: Role): Promise<TestPerson> {
  const person = bot.as(externalId);
  const id = await person.personId();
  await bot.store.roles.grantRole(id, unitCode, role, DEMO_NOW);
  await bot.store.persons.markNoticed(id);
  return person;
}

const invites = () => bot.store.sql.selectFrom('invite').select(['unit_code', 'role']).orderBy('id').execute();
const audit = async (action: string) => (await bot.store.audit.since(new Date(0))).filter((e) => e.action === action);
const codeIn = (text: string) => /: ([A-Z2-9]{10})\n/.exec(text)?.[1];

describe('/moi', () => {
  it('asks for the unit, then the role, and answers with a code, the link and its QR code, which register the invited official', async () => {
    await officialsBot();
    const head = await official('head-batri', 'BT-BATRI', 'head');

    await head.command('moi');
    expect(head.lastText()).toContain('Anh/chị mời cán bộ cho đơn vị nào?');
    expect(head.choiceLabels()).toEqual(['Huyện Ba Tri (Tỉnh Bến Tre)']);

    await head.command('moi', 'tan xuan');
    expect(head.lastText()).toContain('Anh/chị mời cán bộ của Xã Tân Xuân (Huyện Ba Tri) với vai trò nào?');
    // No role above a head's own is offered.
    expect(head.choiceLabels()).toEqual([
      'Cán bộ báo cáo',
      'Lãnh đạo đơn vị',
      'Tổ trưởng Tổ công nghệ số cộng đồng',
      'Thành viên Tổ công nghệ số cộng đồng',
    ]);

    const [answer] = await head.tap('Cán bộ báo cáo');
    const code = codeIn(answer!.text);
    expect(code).toBeDefined();
    const link = `https://t.me/trolydvc_bot?start=dangky-${code}`;
    expect(answer!.text).toContain('Mã mời cán bộ báo cáo của Xã Tân Xuân (Huyện Ba Tri)');
    expect(answer!.text).toContain(link);
    expect(answer!.text).toContain(`/dangky ${code}`);
    expect(answer!.text).toContain('15/12/2023');
    // The picture is the QR code of that very link.
    expect(Buffer.from(answer!.image!.png).subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.from(answer!.image!.png).equals(await QRCode.toBuffer(link, INVITE_QR_OPTIONS))).toBe(true);

    // The invited official opens the link.
    const invited = bot.as('new-reporter');
    await invited.start(`dangky-${code}`);
    expect(invited.lastText()).toContain('Đăng ký thành công');
    expect(await bot.store.roles.rolesOf(await invited.personId())).toEqual([
      expect.objectContaining({ unitCode: 'BT-BATRI-TANXUAN', role: 'reporter' }),
    ]);

    const [created] = await audit('invite.created');
    expect(created).toMatchObject({
      actorId: await head.personId(),
      unitCode: 'BT-BATRI-TANXUAN',
      details: expect.objectContaining({ role: 'reporter', source: 'chat' }),
    });
    expect(JSON.stringify(created)).not.toContain(code!);
  });

  it('takes the unit and the role as arguments, the role in Vietnamese with or without diacritics', async () => {
    await officialsBot();
    const head = await official('head-batri', 'BT-BATRI', 'head');
    await head.command('moi', 'Tân Xuân tổ trưởng');
    expect(head.lastText()).toContain('Mã mời tổ trưởng Tổ công nghệ số cộng đồng của Xã Tân Xuân');
    await head.command('moi', 'BT-BATRI-ANDUC baocao');
    expect(head.lastText()).toContain('Mã mời cán bộ báo cáo của Xã An Đức');
    expect(await invites()).toEqual([
      { unit_code: 'BT-BATRI-TANXUAN', role: 'team_leader' },
      { unit_code: 'BT-BATRI-ANDUC', role: 'reporter' },
    ]);
  });

  it('tells apart units of the same name by their district, and a head only sees their own', async () => {
    await officialsBot();
    const compiler = await official('compiler', 'BT-SO-TTTT', 'compiler');
    await compiler.command('moi', 'an hiep');
    expect(compiler.lastText()).toContain('Có nhiều đơn vị khớp với “an hiep”');
    expect(compiler.choiceLabels().sort()).toEqual(['Xã An Hiệp (Huyện Ba Tri)', 'Xã An Hiệp (Huyện Châu Thành)']);

    const head = await official('head-batri', 'BT-BATRI', 'head');
    await head.command('moi', 'an hiep');
    expect(head.lastText()).toContain('Xã An Hiệp (Huyện Ba Tri) với vai trò nào?');
  });

  it('does not offer the compiler’s own role on a commune, and refuses it typed', async () => {
    await officialsBot();
    const compiler = await official('compiler', 'BT-SO-TTTT', 'compiler');
    await compiler.command('moi', 'BT-BATRI-TANXUAN');
    expect(compiler.choiceLabels().join(' ')).not.toMatch(/tổng hợp|quản trị/i);
    await compiler.command('moi', 'BT-BATRI-TANXUAN tonghop');
    expect(compiler.lastText()).toContain('chỉ mời được ở cấp tỉnh hoặc sở, ngành');
    expect(await invites()).toEqual([]);
  });

  it('politely refuses a unit outside the head’s district and a role above theirs, inviting nobody', async () => {
    await officialsBot();
    const head = await official('head-batri', 'BT-BATRI', 'head');
    await head.command('moi', 'BT-BINHDAI-PHUVANG baocao');
    expect(head.lastText()).toContain('Anh/chị chỉ mời được cán bộ cho đơn vị mình và các đơn vị trực thuộc');
    expect(head.lastText()).not.toContain('Phú Vang');
    await head.command('moi', 'phu vang');
    expect(head.lastText()).toContain('Không tìm thấy đơn vị “phu vang”');
    await head.command('moi', 'Tân Xuân tonghop');
    expect(head.lastText()).toContain('Anh/chị không mời được cán bộ tổng hợp số liệu của tỉnh');
    expect(head.choiceLabels()).not.toContain('Cán bộ tổng hợp số liệu của tỉnh');
    expect(await invites()).toEqual([]);
  });

  it('is for heads, the compiler and administrators only', async () => {
    await officialsBot();
    for (const someone of [
      await official('reporter', 'BT-BATRI', 'reporter'),
      await official('leader', 'BT-BATRI-TANXUAN', 'team_leader'),
      bot.as('citizen'),
    ]) {
      await someone.command('moi', 'BT-BATRI-TANXUAN baocao');
      expect(someone.lastText()).toContain(
        'Lệnh /moi dành cho lãnh đạo đơn vị, cán bộ tổng hợp số liệu của tỉnh và quản trị viên',
      );
    }
    expect(await invites()).toEqual([]);
  });

  it('without the bot’s Telegram username, gives the code to type, with no link and no QR code', async () => {
    await officialsBot({});
    const compiler = await official('compiler', 'BT-SO-TTTT', 'compiler');
    const [answer] = await compiler.command('moi', 'BT-BATRI lanhdao');
    const code = codeIn(answer!.text);
    expect(answer!.text).toContain(`/dangky ${code}`);
    expect(answer!.text).not.toContain('https://');
    expect(answer!.image).toBeUndefined();
  });
});

describe('/thuhoi', () => {
  it('lists a unit’s officials by role, since-date and person number, asks to confirm, then withdraws at once', async () => {
    await officialsBot();
    const head = await official('head-batri', 'BT-BATRI', 'head');
    const reporter = await official('reporter-tanxuan', 'BT-BATRI-TANXUAN', 'reporter');
    const member = await official('member-tanxuan', 'BT-BATRI-TANXUAN', 'team_member');
    const [headId, reporterId, memberId] = [await head.personId(), await reporter.personId(), await member.personId()];
    await reporter.command('tiendo');
    expect(reporter.lastText()).toContain('Tiến độ chiến dịch: Xã Tân Xuân');

    await head.command('thuhoi');
    expect(head.choiceLabels()).toEqual(['Huyện Ba Tri (Tỉnh Bến Tre)']);
    await head.command('thuhoi', 'tan xuan');
    expect(head.lastText()).toContain('Cán bộ của Xã Tân Xuân (Huyện Ba Tri)');
    expect(head.lastText()).toContain(`1. Cán bộ báo cáo: người dùng số ${reporterId}, từ ngày 08/12/2023`);
    expect(head.lastText()).toContain(`2. Thành viên Tổ công nghệ số cộng đồng: người dùng số ${memberId}`);

    await head.tap(`1. Cán bộ báo cáo (số ${reporterId})`);
    expect(head.lastText()).toContain(
      `Anh/chị xác nhận thu hồi vai trò cán bộ báo cáo của người dùng số ${reporterId} tại Xã Tân Xuân (Huyện Ba Tri)?`,
    );
    expect(await bot.store.roles.rolesOf(reporterId)).toHaveLength(1);

    await head.tap('Thu hồi');
    expect(head.lastText()).toContain('Đã thu hồi vai trò cán bộ báo cáo');
    await reporter.command('tiendo');
    expect(reporter.lastText()).toContain('dành cho cán bộ');
    expect(await bot.store.roles.rolesOf(memberId)).toHaveLength(1);
    expect(await audit('role.revoked')).toEqual([
      expect.objectContaining({
        actorId: headId,
        unitCode: 'BT-BATRI-TANXUAN',
        subject: `person:${reporterId}`,
        details: { role: 'reporter', by: 'person' },
      }),
    ]);

    // Tapping the confirmation again changes nothing.
    await head.tapId(`/thuhoi BT-BATRI-TANXUAN ${reporterId} baocao ok`);
    expect(head.lastText()).toContain('không giữ vai trò cán bộ báo cáo');
    expect(await audit('role.revoked')).toHaveLength(1);
  });

  it('never withdraws outside the head’s district, a role above theirs, or their own', async () => {
    await officialsBot();
    const head = await official('head-batri', 'BT-BATRI', 'head');
    const elsewhere = await official('reporter-phuvang', 'BT-BINHDAI-PHUVANG', 'reporter');
    const compiler = await official('compiler-tanxuan', 'BT-BATRI-TANXUAN', 'compiler');
    const [headId, elsewhereId, compilerId] = [await head.personId(), await elsewhere.personId(), await compiler.personId()];

    await head.command('thuhoi', `BT-BINHDAI-PHUVANG ${elsewhereId} baocao ok`);
    expect(head.lastText()).toContain('Anh/chị chỉ thu hồi được vai trò của cán bộ đơn vị mình và các đơn vị trực thuộc');
    expect(head.lastText()).not.toContain('Phú Vang');

    await head.command('thuhoi', 'tan xuan');
    expect(head.lastText()).not.toContain(`số ${compilerId}`);
    await head.command('thuhoi', `BT-BATRI-TANXUAN ${compilerId} tonghop ok`);
    expect(head.lastText()).toContain('Anh/chị không thu hồi được vai trò cán bộ tổng hợp số liệu của tỉnh');

    await head.command('thuhoi', `BT-BATRI ${headId} lanhdao ok`);
    expect(head.lastText()).toContain('Anh/chị không tự thu hồi vai trò của chính mình');

    for (const id of [elsewhereId, compilerId, headId]) expect(await bot.store.roles.rolesOf(id)).toHaveLength(1);
    expect(await audit('role.revoked')).toEqual([]);
  });

  it('is for heads, the compiler and administrators only', async () => {
    await officialsBot();
    const reporter = await official('reporter-tanxuan', 'BT-BATRI-TANXUAN', 'reporter');
    const other = await official('reporter-2', 'BT-BATRI-TANXUAN', 'reporter');
    const otherId = await other.personId();
    await reporter.command('thuhoi', `BT-BATRI-TANXUAN ${otherId} baocao ok`);
    expect(reporter.lastText()).toContain('Lệnh /thuhoi dành cho lãnh đạo đơn vị');
    expect(await bot.store.roles.rolesOf(otherId)).toHaveLength(1);
  });
});

describe('the statistics export on a channel that cannot hand over files', () => {
  it('tells the compiler on Zalo or the terminal to use Telegram or the command line, and others the usual answer', async () => {
    await officialsBot();
    for (const channel of ['zalo', 'terminal'] as const) {
      const compiler = bot.as(`compiler-${channel}`, channel);
      const id = await compiler.personId();
      await bot.store.roles.grantRole(id, 'BT-SO-TTTT', 'compiler', DEMO_NOW);
      await bot.store.persons.markNoticed(id);
      await compiler.media('file');
      expect(compiler.lastText()).toContain('Kênh này chưa nhận được tệp');
      expect(compiler.lastText()).toContain('qua Telegram');
      expect(compiler.lastText()).toContain('npm run cli -- stats:import');
      // A photo is still just a photo.
      await compiler.media('image');
      expect(compiler.lastText()).toContain('Trợ lý chỉ đọc được chữ, không xem ảnh hay tệp');

      const citizen = bot.as(`citizen-${channel}`, channel);
      await citizen.media('file');
      expect(citizen.lastText()).toContain('Trợ lý chỉ đọc được chữ, không xem ảnh hay tệp');
      expect(citizen.lastText()).not.toMatch(/stats:import|thống kê/);
    }
  });
});
