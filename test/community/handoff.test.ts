// A stuck citizen reaches a real person of their commune in the same chat: the request goes
// to the team on duty, the first officer to take it gets the conversation, and messages are
// relayed both ways across channels until either side ends it.
import { afterEach, describe, expect, it } from 'vitest';
import { askForPerson, communityBot, type CommunityBot } from './support/communityBot.js';

let bot: CommunityBot;
afterEach(() => bot?.close());

const TAN_XUAN = 'BT-BATRI-TANXUAN';

describe('asking for a person', () => {
  it('relays a Zalo citizen and a Telegram officer both ways until /ketthuc, then asks for a rating', async () => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const member = await bot.official('thanh-vien', TAN_XUAN, 'team_member');
    // The leader puts the member on duty by chat.
    const memberId = await member.personId();
    await leader.command('truc');
    expect(leader.lastText()).toContain(`Thành viên số ${memberId} (thành viên): nghỉ`);
    await leader.tap(`Cho số ${memberId} trực`);
    expect(leader.lastText()).toContain(`Thành viên số ${memberId} (thành viên): ✅ đang trực`);

    const citizen = bot.citizen('nguoi-dan');
    await citizen.send('cho toi noi chuyen voi nguoi that');
    expect(citizen.lastText()).toContain('gõ tên xã, phường');
    await citizen.send('tan xuan');
    expect(citizen.lastText()).toContain('một câu ngắn');
    await citizen.send('khong dang nhap duoc vneid');
    expect(citizen.lastText()).toContain('Đã gửi yêu cầu số 1 tới Tổ công nghệ số cộng đồng xã Tân Xuân');

    // Only the member on duty is told; the leader is not disturbed yet.
    const notice = await bot.received(member);
    expect(notice.map((r) => r.text).join('\n')).toContain('«khong dang nhap duoc vneid»');
    expect(await bot.received(leader)).toEqual([]);
    await member.tapId(notice[0]!.choices!.find((c) => c.label === '🙋 Nhận hỗ trợ')!.id);
    expect(member.lastText()).toContain('Anh/chị đã nhận yêu cầu số 1');
    expect(await bot.receivedText(citizen)).toContain('đã nhận yêu cầu số 1 của ông/bà');

    expect(await citizen.send('toi bam dang nhap thi bao loi')).toEqual([]);
    expect(await bot.receivedText(member)).toBe('💬 Người dân (yêu cầu số 1): toi bam dang nhap thi bao loi');
    await member.send('Bạn thử cập nhật ứng dụng VNeID rồi đăng nhập lại nhé.');
    expect(await bot.receivedText(citizen)).toBe('💬 Cán bộ hỗ trợ: Bạn thử cập nhật ứng dụng VNeID rồi đăng nhập lại nhé.');

    await member.command('ketthuc');
    expect(member.lastText()).toContain('Đã kết thúc cuộc trò chuyện của yêu cầu số 1');
    const closing = await bot.received(citizen);
    expect(closing.map((r) => r.text).join('\n')).toContain('Cán bộ hỗ trợ đã kết thúc');
    await citizen.tapId(closing.flatMap((r) => r.choices ?? []).find((c) => c.label === '5 ⭐')!.id);
    expect(citizen.lastText()).toContain('Cảm ơn ông/bà đã chấm 5 điểm');

    // Back to normal: the citizen's words find a guide again and reach nobody.
    await citizen.send('nop ho so online');
    expect(citizen.lastText()).not.toBe('');
    expect(citizen.lastReplies.length).toBeGreaterThan(0);
    expect(await bot.received(member)).toEqual([]);
    await member.send('con gi nua khong');
    expect(await bot.received(citizen)).toEqual([]);

    const actions = (await bot.store.audit.since(new Date(0))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['handoff.taken', 'handoff.closed']));
    const ticket = await bot.store.tickets.get(1);
    // The topic is forgotten once the conversation ends; the rating stays counted.
    expect({ topic: ticket?.topic, rating: ticket?.rating, status: ticket?.status }).toEqual({
      topic: null,
      rating: 5,
      status: 'closed',
    });
  });

  it('lets the citizen end it too, telling the officer, and a second rating is refused', async () => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const citizen = bot.citizen('nguoi-dan', 'terminal');
    const id = await askForPerson(citizen, 'Tân Xuân', 'khong biet nop phi');
    // Nobody on duty: the team leader is told at once.
    expect(await bot.receivedText(leader)).toContain(`yêu cầu số ${id}`);
    await leader.command('nhanhotro', String(id));
    await bot.received(citizen);
    await citizen.command('ketthuc');
    expect(citizen.lastText()).toContain('Đã kết thúc cuộc trò chuyện');
    expect(citizen.choiceLabels()).toEqual(['1 ⭐', '2 ⭐', '3 ⭐', '4 ⭐', '5 ⭐']);
    expect(await bot.receivedText(leader)).toContain(`Người dân đã kết thúc cuộc trò chuyện của yêu cầu số ${id}`);
    await citizen.tap('4 ⭐');
    await citizen.tapId(`/danhgia ${id} 1`);
    expect(citizen.lastText()).toContain('đã được chấm điểm');
    expect((await bot.store.tickets.get(id))?.rating).toBe(4);
  });

  it('gives the request to exactly one of two officers who tap “take it” at once', async () => {
    bot = await communityBot();
    const a = await bot.official('thanh-vien-a', TAN_XUAN, 'team_member');
    const b = await bot.official('thanh-vien-b', TAN_XUAN, 'team_member', 'zalo');
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    for (const m of [a, b]) await leader.command('truc', `${TAN_XUAN} ${await m.personId()} on`);
    const id = await askForPerson(bot.citizen('nguoi-dan'), 'tan xuan', 'can huong dan thanh toan');
    const [ra, rb] = await Promise.all([a.tapId(`/nhanhotro ${id}`), b.tapId(`/nhanhotro ${id}`)]);
    const texts = [ra, rb].map((r) => r.map((x) => x.text).join('\n'));
    expect(texts.filter((t) => t.includes('Anh/chị đã nhận yêu cầu'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('đã có cán bộ khác nhận'))).toHaveLength(1);
    const winner = texts[0]!.includes('Anh/chị đã nhận') ? a : b;
    const loser = winner === a ? b : a;
    expect((await bot.store.tickets.get(id))?.takenBy).toBe(await winner.personId());
    // The other officer is also told, and their later taps change nothing.
    expect(await bot.receivedText(loser)).toContain(`Yêu cầu số ${id} của người dân ở xã Tân Xuân đã có cán bộ nhận`);
    await loser.tapId(`/nhanhotro ${id}`);
    expect(loser.lastText()).toContain('đã có cán bộ khác nhận');
  });

  it('masks ID numbers, OTPs and passwords before they are stored or relayed, and warns both sides', async () => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', 'vneid bi khoa');
    await leader.command('nhanhotro', String(id));
    await bot.received(leader);
    const replies = await citizen.send('cccd cua toi 083201001234, ma otp 482913, mat khau la Abc@12345');
    const warning = replies.map((r) => r.text).join('\n');
    expect(warning).toContain('Trợ lý đã ẩn');
    expect(warning).toContain('trước khi chuyển tin nhắn cho cán bộ');
    const relayed = await bot.receivedText(leader);
    expect(relayed).toContain('[***]');
    expect(relayed).toMatch(/⚠️ Trợ lý đã ẩn .* trong tin nhắn này/);
    for (const kind of ['số giấy tờ', 'mã OTP', 'mật khẩu']) expect(relayed).toContain(kind);
    const stored = JSON.stringify(await bot.store.sql.selectFrom('outbox_message').selectAll().execute());
    for (const secret of ['083201001234', '482913', 'Abc@12345']) {
      expect(relayed).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    // Photos are never passed on.
    await citizen.media('image');
    expect(citizen.lastText()).toContain('không chuyển ảnh hay tệp');
    expect(await bot.receivedText(leader)).toContain('vừa gửi một ảnh hoặc tệp');
  });

  it('says so as soon as the commune is known when nobody of it or above answers through the bot, and opens nothing', async () => {
    bot = await communityBot();
    const citizen = bot.citizen('nguoi-dan');
    await citizen.send('gap can bo');
    await citizen.send('an duc');
    // Before the person writes their problem, not after.
    expect(citizen.lastText()).toContain('chưa có cán bộ nhận hỗ trợ qua Trợ lý');
    expect(citizen.lastText()).not.toContain('Xin viết một câu ngắn');
    expect(citizen.choiceLabels()).toContain('📍 Xem nơi hỗ trợ trực tiếp');
    expect(await bot.store.sql.selectFrom('handoff_ticket').select('id').execute()).toEqual([]);
  });

  it('reminds a citizen whose request is waiting instead of guessing a guide, and keeps one request open', async () => {
    bot = await communityBot();
    await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', 'can giup dang ky');
    await citizen.send('alo co ai khong');
    expect(citizen.lastText()).toContain(`Yêu cầu số ${id} của ông/bà`);
    await citizen.command('canbo');
    expect(citizen.lastText()).toContain(`Ông/bà đang có yêu cầu số ${id}`);
    await citizen.command('ketthuc');
    expect(citizen.lastText()).toContain(`Đã hủy yêu cầu số ${id}`);
  });

  it('offers “I need a person” at the end of a guide, which starts asking for a person', async () => {
    bot = await communityBot();
    const citizen = bot.citizen('nguoi-dan');
    await citizen.command('thanhtoan');
    await citizen.tap('Đã trừ tiền mà hồ sơ vẫn báo chưa thanh toán');
    await citizen.tap('Vẫn báo chưa thanh toán');
    await citizen.tap('Xong, tiếp theo ▶');
    await citizen.tap('Xong, tiếp theo ▶');
    await citizen.tap('Đã làm xong');
    await citizen.tap('⚠️ Vẫn bị vướng');
    await citizen.tap('🙋 Tôi cần người hỗ trợ');
    expect(citizen.lastText()).toContain('gõ tên xã, phường nơi ông/bà ở');
  });
});

describe('/hotro for officials', () => {
  it('lists the open requests of their unit and below with a button to take each; citizens still get the guide', async () => {
    bot = await communityBot();
    const head = await bot.official('huyen', 'BT-BATRI', 'head');
    const other = await bot.official('xa-khac', 'BT-BATRI-ANDUC', 'team_leader');
    await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const id = await askForPerson(bot.citizen('nguoi-dan'), 'tan xuan', 'khong tai duoc bien lai');
    await head.command('hotro');
    expect(head.lastText()).toContain(`#${id} · Xã Tân Xuân · chờ 0 phút`);
    expect(head.lastText()).toContain('«khong tai duoc bien lai»');
    expect(head.choiceLabels()).toContain(`🙋 Nhận #${id}`);
    await head.tap(`🙋 Nhận #${id}`);
    expect(head.lastText()).toContain(`Anh/chị đã nhận yêu cầu số ${id}`);
    // A team of another commune sees none of it.
    await other.command('hotro');
    expect(other.lastText()).toContain('Hiện không có yêu cầu hỗ trợ nào đang mở');
    const citizen = bot.citizen('nguoi-khac');
    await citizen.command('hotro');
    expect(citizen.lastText()).toContain('gõ tên xã, phường của ông/bà');
  });
});
