// Team leaders and members record households per hamlet by chat; corrections are audited;
// /tiendo shows coverage, requests and guide outcomes rolled up the tree.
import { afterEach, describe, expect, it } from 'vitest';
import { askForPerson, communityBot, type CommunityBot } from './support/communityBot.js';

let bot: CommunityBot;
afterEach(() => bot?.close());

describe('/hogiadinh', () => {
  it('records hamlets, accepts corrections with an audit trail, and refuses impossible figures', async () => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', 'BT-BATRI-TANXUAN', 'team_leader');
    const member = await bot.official('thanh-vien', 'BT-BATRI-TANXUAN', 'team_member');
    await leader.command('hogiadinh');
    expect(leader.lastText()).toContain('Chưa ghi nhận ấp, khu phố nào');
    expect(leader.lastText()).toContain('/hogiadinh Ấp 3: 120, 95');

    await leader.command('hogiadinh', 'Ấp 1: 120, 95');
    expect(leader.lastText()).toContain('Đã ghi nhận Ấp 1: đã đến 120 hộ, 95 hộ có người có tài khoản');
    await member.command('hogiadinh', 'Ấp Tân Hòa 1.020 800');
    expect(member.lastText()).toContain('đã đến 1.020 hộ');
    await leader.command('hogiadinh', 'ap 1: 130, 100');
    expect(leader.lastText()).toContain(
      'Đã sửa số liệu Ấp 1: từ 120 hộ đã đến, 95 hộ có tài khoản thành 130 hộ đã đến, 100 hộ có tài khoản',
    );
    expect(leader.lastText()).toContain('Cộng: đã đến 1.150 hộ, 900 hộ có ít nhất 1 người có tài khoản (78,3%)');

    await leader.command('hogiadinh', 'Ấp 2: 50, 60');
    expect(leader.lastText()).toContain('không thể lớn hơn số hộ đã đến');
    await leader.command('hogiadinh', 'Ấp 2 nhiều lắm');
    expect(leader.lastText()).toContain('chưa đọc được số liệu');
    await bot.citizen('nguoi-dan').command('hogiadinh', 'Ấp 1: 1, 1');
    const ap1 = bot.store.sql
      .selectFrom('household_coverage')
      .select(['visited', 'with_account'])
      .where('area_key', '=', 'ap 1')
      .executeTakeFirst();
    expect(await ap1).toEqual({ visited: 130, with_account: 100 });

    const audited = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'household.recorded');
    expect(audited).toHaveLength(3);
    expect(audited[2]!.details).toEqual({ visited: 130, withAccount: 100, before: { visited: 120, withAccount: 95 } });
    expect(audited[2]!.actorId).toBe(await leader.personId());
  });
});

describe('/tiendo community section', () => {
  it('shows coverage, requests and guide outcomes for a commune, rolled up to the district and province', async () => {
    bot = await communityBot();
    const tanXuan = await bot.official('to-truong-tx', 'BT-BATRI-TANXUAN', 'team_leader');
    const anDuc = await bot.official('to-truong-ad', 'BT-BATRI-ANDUC', 'team_leader');
    await tanXuan.command('hogiadinh', 'Ấp 1: 100, 80');
    await anDuc.command('hogiadinh', 'Ấp Phú Lợi: 300, 120');
    await bot.store.guideOutcomes.recordGuideOutcome({
      guide: 'taikhoan',
      outcome: 'worked',
      unitCode: 'BT-BATRI-TANXUAN',
      at: bot.now(),
    });
    await bot.store.guideOutcomes.recordGuideOutcome({
      guide: 'nophoso',
      outcome: 'stuck',
      unitCode: 'BT-BATRI-ANDUC',
      at: bot.now(),
    });

    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', 'khong biet dang nhap');
    bot.advance(6 * 60_000);
    await tanXuan.command('nhanhotro', String(id));
    await tanXuan.send('Chào bạn, tôi hướng dẫn bạn nhé.');
    await tanXuan.command('ketthuc');
    await citizen.tapId(`/danhgia ${id} 4`);

    await tanXuan.command('tiendo');
    const commune = tanXuan.lastText();
    expect(commune).toContain('Hộ gia đình có ít nhất 1 người có tài khoản: 80/100 hộ đã đến = 80,0% (mục tiêu: mọi hộ)');
    expect(commune).toContain(
      'Người dân cần người hỗ trợ: 1 yêu cầu, 1 đã được trả lời; chờ trung bình 6 phút đến câu trả lời đầu tiên; điểm hài lòng trung bình 4,0/5 (1 lượt chấm)',
    );
    expect(commune).toContain('1 lượt làm được, 0 lượt còn vướng');
    expect(commune).not.toContain('số liệu của');

    const head = await bot.official('huyen', 'BT-BATRI', 'head');
    await head.command('tiendo');
    const district = head.lastText();
    expect(district).toContain('200/400 hộ đã đến = 50,0%');
    expect(district).toContain('số liệu của 2/23 xã, phường');
    expect(district).toContain('1 lượt làm được, 1 lượt còn vướng');

    const compiler = await bot.official('so', 'BT-SO-TTTT', 'compiler');
    await compiler.command('tiendo');
    expect(compiler.lastText()).toContain('200/400 hộ đã đến = 50,0%');
    // A department has no community team: no such section.
    await compiler.command('tiendo', 'BT-SO-YTE');
    expect(compiler.lastText()).not.toContain('Tổ công nghệ số cộng đồng');
  });
});
