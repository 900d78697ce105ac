// Answer first: a question typed in the person's own words gets the step that answers it
// in the first reply, in Vietnamese (with or without diacritics, in chat shorthand) and in
// English, with a way to the whole guide; asked inside another guide, it keeps that guide.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/harness.js';
import { anchorId, anchorsOf } from '../../src/bot/intent.js';
import { loadFlows } from '../../src/flows/loader.js';
import type { Locale } from '../../src/i18n/format.js';

let bot: TestBot;
afterEach(() => bot?.close());

const flows = loadFlows();

/** The opening words of a step's text, before any setting is filled in. */
function opening(b: TestBot, key: string, locale: Locale): string {
  return b.runtime.texts.for(locale).t(key).split('{{')[0]!.slice(0, 60);
}

async function ask(text: string, locale: Locale = 'vi'): Promise<TestBot> {
  bot = await createTestBot({ locale });
  await bot.send(text);
  return bot;
}

/** A new person types `text`; the first reply holds `answer`. */
async function expectFirstReply(text: string, answer: string, locale: Locale = 'vi'): Promise<void> {
  expect((await ask(text, locale)).lastText()).toContain(answer);
}

describe('every answer can be reached by typing', () => {
  const anchors = anchorsOf(flows);
  const cases = anchors.flatMap((anchor) => {
    const flow = flows.find((f) => f.id === anchor.flowId)!;
    const phrases = anchor.stepId === flow.start ? flow.keywords : flow.steps[anchor.stepId]!.ask!;
    return (['vi', 'en'] as const).map((locale) => [anchorId(anchor), locale, phrases[locale][0]!] as const);
  });

  it.each(cases)('%s in %s ("%s") answers with that step first', async (id, locale, phrase) => {
    const [flowId, stepId] = id.split('#') as [string, string];
    const step = flows.find((f) => f.id === flowId)!.steps[stepId]!;
    const b = await ask(phrase, locale);
    const replies = b.lastReplies.map((r) => r.text);
    expect(replies.join('\n')).not.toContain(b.runtime.texts.for(locale).t('common:intent.notUnderstood'));
    // An action step says nothing itself: what it leads to depends on who asks (an
    // official's /baocao, a citizen's /hotro); not being misunderstood is what counts here.
    if (!step.action)
      expect(
        replies.some((t) => t.startsWith(opening(b, step.say, locale))),
        JSON.stringify(replies),
      ).toBe(true);
  });
});

describe('the questions citizens asked, answered in the first reply', () => {
  it.each([
    ['con tôi 12 tuổi làm VNeID được không', 'Trẻ dưới 14 tuổi dùng qua tài khoản VNeID của cha, mẹ'],
    ['hồ sơ bị yêu cầu bổ sung', 'bổ sung ngay trên chính hồ sơ đó'],
    ['làm sao biết tài khoản mức 1 hay mức 2', 'Mức 1:'],
    ['vneid báo sai passcode', '“Quên passcode”'],
    ['toi quen mat khau dang nhap dich vu cong', '“Quên mật khẩu”'],
    ['ho so cua toi bi tra lai', 'sửa theo lý do được ghi'],
    ['k nhận được OTP', 'TTTB gửi 1414'],
    ['bà tôi già không có điện thoại thông minh thì làm sao', 'Không có điện thoại thông minh vẫn làm được thủ tục'],
    ['tôi đã thanh toán nhưng nút thanh toán nằm ở hồ sơ tôi chưa nộp', 'đừng trả tiền'],
    ['đăng ký tài khoản cho công ty', 'tài khoản định danh điện tử của tổ chức'],
    ['chưa có vneid thì đăng ký sao', 'tự đăng ký ngay trên ứng dụng VNeID'],
    ['lấy kết quả điện tử ở đâu', 'kho dữ liệu cá nhân'],
    ['quen pass vneid', '“Quên mật khẩu”'],
    ['muc 2 lam o dau', 'Mức 2 đăng ký trực tiếp tại Công an xã, phường'],
    ['ko dang nhap dc vneid', 'đang vướng ở chỗ nào'],
  ])('"%s"', (text, answer) => expectFirstReply(text, answer));

  it.each([
    ["I didn't get the OTP code", 'TTTB to 1414'],
    ['forgot VNeID password', '“Quên mật khẩu” (forgot password)'],
    ['can my 12 year old child get VNeID', 'Children under 14'],
    ['my dossier was rejected', 'correct what the reason says'],
    ['someone called claiming to be the police and asked for my OTP', 'The police do not call'],
  ])('in English: "%s"', (text, answer) => expectFirstReply(text, answer, 'en'));

  it('offers the whole guide from its start beside the answer', async () => {
    const b = await ask('quen passcode');
    await b.tap(/Xem cả hướng dẫn/);
    expect(b.lastText()).toContain('Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID');
  });

  it('answers thanks politely instead of "not understood"', async () => {
    const b = await ask('cam on nhieu');
    expect(b.lastText()).toContain('Trợ lý cảm ơn ông/bà');
    expect(b.lastText()).not.toContain('chưa hiểu');
  });
});

describe("the brief's common questions (§8.2), as the brief words them", () => {
  it.each([
    ['Tài khoản DVC cũ không đăng nhập được?', 'chỉ dùng được đến hết ngày 30/6/2024'],
    ['VNeID mức 1 nộp hồ sơ được không?', 'nâng lên mức 2'],
    ['Không nhận được OTP', 'TTTB gửi 1414'],
    ['Quên mật khẩu', '“Quên mật khẩu”'],
    ['Quên passcode', '“Quên passcode”'],
    ['Đổi điện thoại', 'một điện thoại tại một thời điểm'],
    ['Thông tin trên VNeID bị sai', '“Phản ánh khó khăn, vướng mắc”'],
    ['Theo dõi hồ sơ ở đâu?', 'đã tiếp nhận, đang xử lý, yêu cầu bổ sung, có kết quả'],
    ['Có phải nộp thêm bản giấy không?', 'toàn trình'],
    ['Đã trả tiền nhưng hồ sơ báo chưa thanh toán', 'đừng thanh toán lại'],
    ['Lấy kết quả điện tử ở đâu?', 'kho dữ liệu cá nhân'],
    ['Sau sáp nhập nộp hồ sơ ở đâu?', 'không còn cấp huyện'],
    ['Người già không có điện thoại thông minh thì sao?', 'Không có điện thoại thông minh vẫn làm được thủ tục'],
  ])('"%s"', (text, answer) => expectFirstReply(text, answer));
});

describe('scams come first', () => {
  it.each([
    ['có người gọi xưng công an bảo tôi đọc mã otp', 'Công an không gọi điện'],
    ['cccd bị lỗi phải cài app vneid qua link', '⚠️'],
    ['lừa đảo', 'Kẻ gian hay giả danh công an'],
    ['co nguoi nhan tin bao dong bo vneid sau sap nhap', 'tự cập nhật trên VNeID'],
    ['ho noi nhan qua 100.000 dong cua chinh phu', 'Không có khoản “quà”'],
    ['toi lo bam vao link roi phai lam sao', 'Gọi tổng đài ngân hàng'],
    ['co ai goi dien noi can cuoc cua toi bi khoa', 'Công an không gọi điện'],
    ['tôi lỡ đọc OTP cho người xưng công an rồi, giờ làm sao', 'gọi ngay tổng đài ngân hàng để khóa tài khoản'],
  ])('"%s" is answered as a scam', (text, answer) => expectFirstReply(text, answer));

  it('interrupts a guide, then hands it back where it was', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await bot.tap('Có, tôi đã có thẻ');
    await bot.tap(/Đã đăng ký, chưa kích hoạt/);
    await bot.tap(/Đã cài, chưa kích hoạt/);
    await bot.tap(/Xong, tiếp theo/);
    await bot.tap(/Xong, tiếp theo/);
    expect(bot.lastText()).toContain('mã OTP');
    await bot.send('có người xưng công an gọi xin mã otp của tôi');
    expect(bot.lastText()).toContain('Công an không gọi điện');
    await bot.tap(/Tiếp tục: Tài khoản/);
    expect(bot.lastText()).toContain('Ứng dụng gửi mã OTP');
  });

  it("is recognised where the bot waits for a commune's name, too", async () => {
    bot = await createTestBot();
    await bot.command('hotro');
    await bot.send('Vừa có người gọi điện xưng công an bảo tôi đọc mã OTP');
    expect(bot.lastText()).toContain('Công an không gọi điện');
    expect(bot.lastText()).not.toContain('chưa tìm thấy xã, phường');
  });

  it('takes "I already did" after a scam answer to what to do now', async () => {
    bot = await createTestBot();
    await bot.send('co nguoi goi xung cong an xin ma otp');
    await bot.send('lo doc roi');
    expect(bot.lastText()).toContain('Gọi tổng đài ngân hàng của mình để khóa tài khoản');
  });

  it('warns where a citizen types an OTP or pays', async () => {
    bot = await createTestBot();
    const tr = bot.runtime.texts.for('vi');
    for (const key of ['taikhoan.act3', 'taikhoan.pw4', 'taikhoan.pwd3', 'taikhoan.pcode', 'thanhtoan.s4'])
      expect(tr.t(`guides:${key}`), key).toContain('kể cả người xưng là công an');
  });
});

describe('a question inside a guide', () => {
  it('is answered, keeping the guide to come back to', async () => {
    bot = await createTestBot();
    await bot.command('thanhtoan');
    await bot.tap(/Xem các bước thanh toán/);
    await bot.tap(/Xong, tiếp theo/);
    const guideStep = bot.lastText();
    await bot.send('quên mật khẩu vneid thì làm sao');
    expect(bot.lastText()).toContain('“Quên mật khẩu”');
    await bot.tap(/Tiếp tục: Thanh toán/);
    expect(bot.lastText()).toBe(guideStep);
  });

  it('still asks for a button when a word or two fit nothing', async () => {
    bot = await createTestBot();
    await bot.command('thanhtoan');
    await bot.send('abc xyz');
    expect(bot.lastText()).toContain('bấm một nút');
  });

  it('says plainly when it cannot answer a question, keeping the guide', async () => {
    bot = await createTestBot();
    await bot.command('hoidap');
    await bot.tap('Không nhận được mã OTP?');
    await bot.send('giá lúa hôm nay bao nhiêu');
    expect(bot.lastText()).toContain('Trợ lý chưa trả lời được câu này');
    expect(bot.lastText()).not.toContain('TTTB');
    await bot.tap(/Tiếp tục: Câu hỏi thường gặp/);
    expect(bot.lastText()).toContain('TTTB');
  });

  it('answers a question of the same guide in place, with nothing to go back to', async () => {
    bot = await createTestBot();
    await bot.command('thanhtoan');
    await bot.send('bi tru tien 2 lan');
    expect(bot.lastText()).toContain('đừng thanh toán lại');
    expect(bot.choiceLabels().some((l) => l.startsWith('↩'))).toBe(false);
  });

  it('answers in English inside a guide too', async () => {
    bot = await createTestBot({ locale: 'en' });
    await bot.send('my application was rejected');
    await bot.send("I didn't get the OTP");
    expect(bot.lastText()).toContain('TTTB to 1414');
  });

  it('ends a thanks with the way back and the menu', async () => {
    bot = await createTestBot();
    await bot.command('nophoso');
    await bot.send('cam on');
    expect(bot.choiceLabels()).toEqual(['↩ Tiếp tục: Nộp hồ sơ trực tuyến', '☰ Menu chính']);
  });
});

describe('registration before activation', () => {
  it('asks whether the person has VNeID and teaches level 1 self-registration, then activation', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await bot.tap('Có, tôi đã có thẻ');
    expect(bot.lastText()).toContain('đã có tài khoản định danh điện tử VNeID chưa?');
    await bot.tap('Chưa có tài khoản VNeID');
    expect(bot.lastText()).toContain('Mức 2 đăng ký trực tiếp tại Công an xã, phường');
    await bot.tap('Cách tự đăng ký mức 1');
    expect(bot.lastText()).toContain('Cài ứng dụng VNeID');
    await bot.tap(/Xong, tiếp theo/);
    expect(bot.lastText()).toContain('đối chiếu với Cơ sở dữ liệu quốc gia về dân cư');
    await bot.tap(/Xong, tiếp theo/);
    expect(bot.lastText()).toContain('chụp ảnh khuôn mặt');
    await bot.tap(/Xong, tiếp theo/);
    expect(bot.lastText()).toContain('tin nhắn (SMS) để kích hoạt');
    await bot.tap('Đã nhận tin nhắn kích hoạt');
    expect(bot.lastText()).toContain('Kích hoạt tài khoản định danh điện tử');
  });

  it('goes back one step at a time, never in a loop', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    expect(bot.choiceLabels()).not.toContain('◀ Quay lại');
    await bot.tap('Chưa có thẻ gắn chip');
    await bot.tap('◀ Quay lại');
    expect(bot.lastReplies).toHaveLength(1);
    expect(bot.lastText()).toContain('thẻ căn cước gắn chip');
    expect(bot.choiceLabels()).not.toContain('◀ Quay lại');
  });
});
