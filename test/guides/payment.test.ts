// The payment guide (/thanhtoan): the steps, "money taken but still unpaid", and the
// difference between the National Portal and other portals, in Vietnamese and English.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/harness.js';
import { walk } from './support/transcript.js';

let bot: TestBot;
afterEach(() => bot?.close());

describe('payment guide, in Vietnamese', () => {
  it('walks from "thanh toan phi" to a downloaded e-receipt, never naming banks', async () => {
    bot = await createTestBot();
    await walk(bot, [
      // "How do I pay" is answered with the steps themselves.
      { say: 'thanh toan phi', expect: 'Chỉ hồ sơ của thủ tục có phí, lệ phí mới phải thanh toán' },
      { tap: 'Xong, tiếp theo ▶', expect: 'bấm “Thanh toán”' },
      { tap: 'Xong, tiếp theo ▶', expect: 'đơn vị thụ hưởng' },
      { tap: 'Xong, tiếp theo ▶', expect: 'trong danh sách hiển thị trên màn hình' },
      {
        tap: 'Xong, tiếp theo ▶',
        expect: 'Không đưa mã OTP cho bất kỳ ai, kể cả người xưng là công an, cán bộ hay ngân hàng, và cả Trợ lý này',
      },
      { tap: 'Xong, tiếp theo ▶', expect: 'tải biên lai điện tử' },
      { tap: '✅ Đã thanh toán xong', expect: 'giữ biên lai điện tử' },
    ]);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'thanhtoan', outcome: 'worked', count: 1 }]);
    // The end leads on to tracking the dossier, inside the dossier guide.
    await bot.tap('Xem cách theo dõi hồ sơ');
    expect(bot.lastText()).toContain('đã tiếp nhận, đang xử lý, yêu cầu bổ sung, có kết quả');
  });

  it('answers "how do I pay online" with how, in the first reply, however it is typed', async () => {
    for (const question of ['lam sao nop phi online', 'Chỉ cho tôi các bước trả lệ phí trên dịch vụ công với']) {
      bot = await createTestBot();
      await bot.send(question);
      const answer = bot.lastText();
      expect(answer).toContain('bấm “Thanh toán”');
      expect(answer).toContain('trong danh sách hiển thị');
      expect(answer).toContain('tải biên lai điện tử');
      await bot.close();
    }
    bot = await createTestBot({ locale: 'en' });
    await bot.send('how do i pay the fee online');
    expect(bot.lastText()).toContain('tap “Thanh toán” (pay)');
    expect(bot.lastText()).toContain('download the e-receipt');
  });

  it('money taken but still unpaid: do not pay again, keep the code, trace, tell the desk', async () => {
    bot = await createTestBot();
    await walk(bot, [
      { say: 'da bi tru tien ma ho so van bao chua thanh toan', expect: 'đừng thanh toán lại' },
      { tap: 'Vẫn báo chưa thanh toán', expect: 'Lưu lại mã giao dịch, thời gian, số tiền' },
      { tap: 'Xong, tiếp theo ▶', expect: 'tra soát' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Báo Bộ phận Một cửa nơi giải quyết hồ sơ' },
      { tap: 'Đã làm xong', expect: 'Ông/bà đã làm được chưa ạ?' },
      { tap: '⚠️ Vẫn bị vướng', expect: 'Bộ phận Một cửa và Trung tâm Phục vụ hành chính công' },
    ]);
    expect(bot.choiceLabels()).toContain('📍 Tìm Bộ phận Một cửa');
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'thanhtoan', outcome: 'stuck', count: 1 }]);
  });

  it('no Pay button yet: explains the agency may still be checking', async () => {
    bot = await createTestBot();
    await bot.command('thanhtoan');
    await walk(bot, [
      { tap: 'Xem các bước thanh toán', expect: 'có phí, lệ phí' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Thanh toán' },
      { tap: 'Không thấy nút Thanh toán', expect: 'chưa kiểm tra xong hồ sơ' },
      { tap: 'Đã thấy nút Thanh toán', expect: 'đơn vị thụ hưởng' },
    ]);
  });

  it('tells the National Portal from other portals: pay once, where the dossier asks', async () => {
    bot = await createTestBot();
    await bot.command('thanhtoan');
    await bot.tap('Trả ở Cổng quốc gia hay nơi khác?');
    expect(bot.lastReplies.map((r) => r.text)).toEqual([
      expect.stringContaining('hãy thanh toán ngay trên hồ sơ đó tại Cổng'),
      expect.stringContaining('Mỗi hồ sơ chỉ trả một lần'),
    ]);
  });
});

describe('payment guide, in English', () => {
  it('walks the steps and the unpaid branch', async () => {
    bot = await createTestBot({ locale: 'en' });
    await walk(bot, [
      { command: 'thanhtoan', expect: 'All you need is a bank account and the dossier code' },
      { tap: 'See the payment steps', expect: 'Only dossiers of procedures with fees' },
      { tap: 'Done, next ▶', expect: 'tap “Thanh toán” (pay)' },
      { tap: 'Done, next ▶', expect: 'beneficiary' },
      { tap: 'Done, next ▶', expect: 'from the list shown on the screen' },
      { tap: 'Done, next ▶', expect: 'and not to this Assistant either' },
      { tap: 'Done, next ▶', expect: 'download the e-receipt' },
      { tap: 'Money was taken but the dossier still says unpaid', expect: 'do not pay again' },
      { tap: 'Still says unpaid', expect: 'Keep the transaction code' },
      { tap: 'Done, next ▶', expect: 'trace' },
      { tap: 'Done, next ▶', expect: 'Tell the one-stop desk' },
    ]);
  });
});
