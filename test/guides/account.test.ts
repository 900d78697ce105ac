// The account guide (/taikhoan): from "no app yet" to logged into the portal, every
// troubleshooting branch, the organisation branch, in Vietnamese and English.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot, type TestPerson } from '../support/harness.js';
import { walk } from './support/transcript.js';

let bot: TestBot;
afterEach(() => bot?.close());

describe('account guide, in Vietnamese', () => {
  it('walks a first-time user from "tôi muốn làm dịch vụ công" to logged in on the portal', async () => {
    bot = await createTestBot();
    await walk(bot, [
      { say: 'tôi muốn làm dịch vụ công', expect: 'Ông/bà cần giúp việc gì ạ?' },
      { tap: '🔑 Tài khoản và đăng nhập (VNeID)', expect: 'Ông/bà không cần đăng ký tài khoản riêng trên Cổng' },
      { tap: 'Có, tôi đã có thẻ', expect: 'đã có tài khoản định danh điện tử VNeID chưa?' },
      { tap: 'Đã đăng ký, chưa kích hoạt', expect: 'đã cài ứng dụng VNeID chưa ạ?' },
      { tap: 'Chưa cài', expect: 'Tìm “VNeID” rồi bấm cài đặt' },
      { tap: 'Đã cài xong', expect: 'Kích hoạt tài khoản định danh điện tử' },
      { tap: 'Xong, tiếp theo ▶', expect: '12 số in trên thẻ căn cước' },
      {
        tap: 'Xong, tiếp theo ▶',
        expect: 'Không đưa mã OTP cho bất kỳ ai, kể cả người xưng là công an, cán bộ hay ngân hàng, và cả Trợ lý này',
      },
      { tap: 'Đã nhập mã', expect: 'từ 8 đến 20 ký tự' },
      { tap: 'Xong, tiếp theo ▶', expect: 'passcode (mã 6 số để mở các tiện ích trong ứng dụng)' },
      { tap: 'Xong, tiếp theo ▶', expect: 'câu hỏi bảo mật' },
      { tap: 'Đã vào được ứng dụng', expect: 'mức 1 hay mức 2' },
      { tap: 'Mức 2', expect: 'Ông/bà chọn một cách' },
      { tap: 'Mật khẩu và mã OTP', expect: 'dichvucong.gov.vn' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Tài khoản định danh điện tử cấp bởi Bộ Công an' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Trợ lý không bao giờ hỏi mật khẩu' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Nhập mã OTP' },
      { tap: 'Đã nhập mã', expect: 'Ông/bà đã vào được chưa ạ?' },
      { tap: '✅ Đã đăng nhập được', expect: 'Chúc mừng ông/bà' },
    ]);
    // The end of the guide leads on to the next guides and the menu.
    expect(bot.choiceLabels()).toEqual(['📄 Nộp hồ sơ trực tuyến', '💳 Thanh toán phí, lệ phí', '◀ Quay lại', '☰ Menu chính']);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'taikhoan', outcome: 'worked', count: 1 }]);
  });

  it('offers Back and Menu on every step and links to the portal where it helps', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    expect(bot.choiceLabels()).toContain('☰ Menu chính');
    await bot.tap('Có, tôi đã có thẻ');
    expect(bot.choiceLabels()).toEqual(expect.arrayContaining(['◀ Quay lại', '☰ Menu chính']));
    await bot.tap('Đã đăng ký, chưa kích hoạt');
    await bot.tap('Chưa cài');
    expect(bot.lastReplies.flatMap((r) => r.links ?? [])).toEqual([
      { label: 'VNeID trên Google Play', url: 'https://play.google.com/store/apps/details?id=com.vnid' },
    ]);
    await bot.tap('◀ Quay lại');
    expect(bot.lastText()).toContain('đã cài ứng dụng VNeID chưa ạ?');
  });

  it('sends a level 1 account to the commune police, saying what to bring', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await walk(bot, [
      { tap: 'Có, tôi đã có thẻ', expect: 'VNeID' },
      { tap: 'Đã cài và đăng nhập được', expect: 'mức 1 hay mức 2' },
      { tap: 'Tôi không rõ', expect: 'Mức 1: tự đăng ký trên ứng dụng' },
      { tap: 'Mức 1', expect: 'chỉ dùng được một số tính năng' },
      { tap: 'Nâng lên mức 2 ở đâu?', expect: 'Công an xã, phường' },
      { tap: 'Cần mang theo gì?', expect: 'thẻ căn cước gắn chip còn hạn' },
      { tap: 'Xong, tiếp theo ▶', expect: 'chụp ảnh và lấy vân tay' },
      { tap: 'Tôi đã lên mức 2', expect: 'Ông/bà chọn một cách' },
      { tap: 'Quét mã QR (dùng máy tính)', expect: 'Màn hình hiện một mã QR' },
      { tap: 'Xong, tiếp theo ▶', expect: 'cần tài khoản VNeID mức 2' },
      { tap: 'Xong, tiếp theo ▶', expect: 'làm theo hướng dẫn trong ứng dụng để cấp quyền' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Máy tính sẽ tự đăng nhập' },
      { tap: '✅ Đã đăng nhập được', expect: 'Chúc mừng ông/bà' },
    ]);
  });

  it('sends a person without a chip card to get one, and lets them come back later', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await walk(bot, [
      { tap: 'Chưa có thẻ gắn chip', expect: 'đăng ký luôn tài khoản VNeID mức 2' },
      { tap: 'Để khi khác', expect: 'gõ /taikhoan' },
    ]);
    expect(bot.choiceLabels()).toEqual(['☰ Menu chính']);
  });

  it('no OTP: checks the SIM owner with TTTB to 1414, lists the carriers, then signal and inbox', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await walk(bot, [
      { tap: 'Có, tôi đã có thẻ', expect: 'VNeID' },
      { tap: 'Đã đăng ký, chưa kích hoạt', expect: 'đã cài ứng dụng VNeID' },
      { tap: 'Đã cài, chưa kích hoạt', expect: 'Kích hoạt' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Gửi yêu cầu' },
      { tap: 'Xong, tiếp theo ▶', expect: 'mã OTP' },
      { tap: 'Không nhận được mã OTP', expect: 'soạn tin TTTB gửi 1414 (miễn phí)' },
      { tap: 'SIM không đúng tên tôi', expect: 'Tổng đài nhà mạng: Vinaphone 18001091, Viettel 18008098, MobiFone 9090.' },
      { tap: 'Đã cập nhật, thử lại', expect: 'hộp tin nhắn còn chỗ' },
      { tap: 'Đã nhận được mã', expect: 'Ông/bà đang làm việc nào' },
      // Back on track where the person was: the activation continues with the password.
      { tap: 'Kích hoạt VNeID', expect: 'Đặt mật khẩu VNeID' },
    ]);
  });

  it('no OTP that never comes: counted as stuck and sent to in-person help', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await walk(bot, [
      { tap: 'Có, tôi đã có thẻ', expect: 'VNeID' },
      { tap: 'Đã cài và đăng nhập được', expect: 'mức' },
      { tap: 'Mức 2', expect: 'một cách' },
      { tap: 'Mật khẩu và mã OTP', expect: 'Đăng nhập' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Bộ Công an' },
      { tap: 'Xong, tiếp theo ▶', expect: 'mật khẩu VNeID' },
      { tap: 'Xong, tiếp theo ▶', expect: 'OTP' },
      { tap: 'Không nhận được mã OTP', expect: 'TTTB' },
      { tap: 'SIM đúng tên tôi', expect: 'có sóng' },
      { tap: 'Vẫn không nhận được', expect: 'Công an xã, phường sẽ giúp ông/bà' },
    ]);
    expect(bot.choiceLabels()).toContain('📍 Tìm nơi hỗ trợ gần tôi');
    // The portal hotline is unverified: not offered unless configured.
    expect(bot.choiceLabels()).not.toContain('☎️ Tổng đài Cổng Dịch vụ công');
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'taikhoan', outcome: 'stuck', count: 1 }]);
    await bot.tap('📍 Tìm nơi hỗ trợ gần tôi');
    expect(bot.lastText()).toContain('gõ tên xã, phường');
  });

  it('covers forgotten password, forgotten passcode, wrong details, new phone and the old account', async () => {
    bot = await createTestBot();
    // Each branch is walked by its own person, as a real one would reach it.
    let n = 0;
    const toTrouble = async (): Promise<TestPerson> => {
      const person = bot.as(`person-${++n}`);
      await person.command('taikhoan');
      await person.tap('Có, tôi đã có thẻ');
      await person.tap('Đã đăng ký, chưa kích hoạt');
      await person.tap('Đã cài, chưa kích hoạt');
      for (let i = 0; i < 2; i++) await person.tap('Xong, tiếp theo ▶');
      await person.tap('Đã nhập mã');
      for (let i = 0; i < 2; i++) await person.tap('Xong, tiếp theo ▶');
      await person.tap('Không vào được');
      expect(person.lastText()).toContain('Ông/bà đang vướng ở chỗ nào ạ?');
      return person;
    };
    await walk(await toTrouble(), [
      { tap: 'Quên mật khẩu VNeID', expect: 'bấm “Quên mật khẩu”' },
      { tap: 'Xong, tiếp theo ▶', expect: 'quét chip trên thẻ căn cước bằng NFC' },
      { tap: 'Xong, tiếp theo ▶', expect: 'và cả Trợ lý này' },
      { tap: 'Đã nhập mã', expect: 'Đặt mật khẩu mới' },
      { tap: 'Xem cách đăng nhập Cổng', expect: 'Ông/bà chọn một cách' },
    ]);
    await walk(await toTrouble(), [
      { tap: 'Quên passcode', expect: 'Quên passcode' },
      { tap: 'Đã làm xong', expect: 'Ông/bà đã làm được chưa ạ?' },
      { tap: 'Thôi, để khi khác', expect: 'gõ /taikhoan' },
    ]);
    await walk(await toTrouble(), [
      { tap: 'Thông tin cá nhân bị sai', expect: 'Phản ánh khó khăn, vướng mắc' },
      { tap: 'Cách khác', expect: 'mang theo giấy tờ chứng minh thông tin đúng' },
    ]);
    await walk(await toTrouble(), [
      { tap: 'Đổi sang điện thoại mới', expect: 'chỉ đăng nhập được trên một điện thoại tại một thời điểm' },
      { tap: 'Quên mật khẩu VNeID', expect: 'bấm “Quên mật khẩu”' },
    ]);
    await walk(await toTrouble(), [
      { tap: 'Tài khoản Cổng cũ không vào được', expect: 'đến hết ngày 30/6/2024' },
      { tap: 'Giấy tờ trong tài khoản cũ thì sao?', expect: 'Cập nhật từ CSDL quốc gia về dân cư' },
      { tap: 'Xem cách đăng nhập Cổng', expect: 'Ông/bà chọn một cách' },
    ]);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'taikhoan', outcome: 'gave_up', count: 1 }]);
  });

  it('guides an organisation to its own identification account through a level 2 representative', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await walk(bot, [
      {
        tap: 'Tôi làm cho tổ chức, doanh nghiệp',
        expect: 'Từ ngày 1/7/2025, tổ chức, doanh nghiệp dùng tài khoản định danh điện tử của tổ chức',
      },
      { tap: 'Đã có VNeID mức 2', expect: 'Kê khai thông tin tổ chức' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Chờ kết quả' },
      { tap: 'Đã làm xong', expect: 'Ông/bà đã làm được chưa ạ?' },
      { tap: '✅ Làm được rồi', expect: 'Chúc mừng ông/bà' },
    ]);
  });

  it('offers the portal hotline only when one is configured', async () => {
    bot = await createTestBot({ env: { PORTAL_HOTLINE: '1800 1096' } });
    await bot.command('taikhoan');
    await bot.tap('Có, tôi đã có thẻ');
    await bot.tap('Đã đăng ký, chưa kích hoạt');
    await bot.tap('Đã cài, chưa kích hoạt');
    for (let i = 0; i < 2; i++) await bot.tap('Xong, tiếp theo ▶');
    await bot.tap('Đã nhập mã');
    for (let i = 0; i < 2; i++) await bot.tap('Xong, tiếp theo ▶');
    await bot.tap('Không vào được');
    await bot.tap('Lỗi khác, cần người giúp');
    await bot.tap('☎️ Tổng đài Cổng Dịch vụ công');
    expect(bot.lastText()).toContain('Tổng đài Cổng Dịch vụ công quốc gia: 1800 1096.');
  });
});

describe('account guide, in English', () => {
  it('walks the same path to logged in', async () => {
    bot = await createTestBot({ locale: 'en' });
    await walk(bot, [
      { command: 'taikhoan', expect: 'You do not need to register a separate account on the Portal' },
      { tap: 'Yes, I have the card', expect: 'Do you already have a VNeID electronic identification account?' },
      { tap: 'Installed and I can log in', expect: 'level 1 or level 2' },
      { tap: 'Level 2', expect: 'Choose one way' },
      { tap: 'Password and OTP code', expect: 'dichvucong.gov.vn' },
      { tap: 'Done, next ▶', expect: 'Ministry of Public Security' },
      { tap: 'Done, next ▶', expect: 'The Assistant never asks for your password' },
      {
        tap: 'Done, next ▶',
        expect:
          'Never give the OTP to anyone, even someone claiming to be the police, an official or your bank, and not to this Assistant either',
      },
      { tap: 'I entered the code', expect: 'Are you in?' },
      { tap: "✅ I'm logged in", expect: 'Congratulations' },
    ]);
    expect(bot.choiceLabels()).toEqual(['📄 Submit a dossier online', '💳 Pay fees and charges', '◀ Back', '☰ Main menu']);
  });

  it('walks the no-OTP branch', async () => {
    bot = await createTestBot({ locale: 'en' });
    await walk(bot, [
      // Asked outright, the question is answered first.
      { say: "I didn't receive the OTP code", expect: 'text TTTB to 1414 (free of charge)' },
      { tap: '📖 The whole guide: “Account and logging in (VNeID)”', expect: 'You do not need to register' },
      { tap: 'Yes, I have the card', expect: 'VNeID' },
      { tap: 'Registered, not activated', expect: 'Is the VNeID app installed' },
      { tap: 'Installed, not activated', expect: 'activate' },
      { tap: 'Done, next ▶', expect: '12 digits' },
      { tap: 'Done, next ▶', expect: 'OTP' },
      { tap: "I didn't get the OTP code", expect: 'text TTTB to 1414 (free of charge)' },
      { tap: 'The SIM is not in my name', expect: 'Mobile network hotlines: Vinaphone 18001091' },
    ]);
  });
});
