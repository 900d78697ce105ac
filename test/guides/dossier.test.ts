// The dossier guide (/nophoso): from finding the procedure to the result, requests for
// more documents, the personal data store, and "toàn trình" versus "một phần".
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/harness.js';
import { walk } from './support/transcript.js';

let bot: TestBot;
afterEach(() => bot?.close());

describe('dossier guide, in Vietnamese', () => {
  it('walks from "nop ho so online" to the result', async () => {
    bot = await createTestBot();
    await walk(bot, [
      { say: 'nop ho so online', expect: 'ông/bà cần đăng nhập Cổng bằng VNeID' },
      { tap: 'Tôi đã đăng nhập được', expect: 'Nộp hồ sơ trực tuyến' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Từ ngày 1/7/2025 không còn cấp huyện' },
      { tap: 'Xong, tiếp theo ▶', expect: 'điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư' },
      { tap: 'Xong, tiếp theo ▶', expect: 'chọn từ kho' },
      { tap: 'Kho dữ liệu cá nhân là gì?', expect: 'bản sao chứng thực điện tử' },
      { tap: 'Tiếp tục nộp hồ sơ', expect: 'Nếu thủ tục có phí, lệ phí' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Ghi lại mã hồ sơ' },
      { tap: 'Xong, tiếp theo ▶', expect: 'yêu cầu bổ sung' },
      { tap: 'Tôi bị yêu cầu bổ sung', expect: 'bổ sung ngay trên chính hồ sơ đó' },
      { tap: 'Xong, tiếp theo ▶', expect: 'kho dữ liệu cá nhân, qua bưu chính, hoặc tại Bộ phận Một cửa' },
      { tap: '✅ Đã nộp được hồ sơ', expect: 'Nhớ giữ mã hồ sơ' },
    ]);
    expect(bot.choiceLabels()).toEqual(['☰ Menu chính']);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'nophoso', outcome: 'worked', count: 1 }]);
  });

  it('explains toàn trình and một phần, and sends a person who cannot log in to the account guide', async () => {
    bot = await createTestBot();
    await walk(bot, [
      { command: 'nophoso', expect: 'đăng nhập' },
      { tap: '“Toàn trình”, “một phần” là gì?', expect: 'Ông/bà không phải đến nơi nộp' },
      { tap: 'Tôi chưa đăng nhập được', expect: 'Ông/bà không cần đăng ký tài khoản riêng trên Cổng' },
    ]);
  });

  it('points to the QR code on printed papers and to payment', async () => {
    bot = await createTestBot();
    await bot.command('nophoso');
    await walk(bot, [
      { tap: 'Tôi đã đăng nhập được', expect: 'ô tìm kiếm' },
      { tap: 'Xong, tiếp theo ▶', expect: 'cấp tỉnh' },
      { tap: 'Xong, tiếp theo ▶', expect: 'tờ khai' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Đừng gửi ảnh giấy tờ cho Trợ lý' },
      { tap: 'Xong, tiếp theo ▶', expect: 'phí' },
      { tap: 'Xong, tiếp theo ▶', expect: 'mã hồ sơ' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Theo dõi' },
      { tap: 'Tra cứu bằng mã QR', expect: 'mã QR (ô vuông có các chấm đen trắng) ở góc trên bên trái' },
      { tap: 'Xong, tiếp theo ▶', expect: 'Nhận kết quả' },
      { tap: 'Tôi bị vướng', expect: 'Tổ công nghệ số cộng đồng và Bưu điện' },
    ]);
    expect(await bot.store.guideOutcomes.guideOutcomeCounts()).toEqual([{ guide: 'nophoso', outcome: 'stuck', count: 1 }]);
  });
});

describe('dossier guide, in English', () => {
  it('walks the main path', async () => {
    bot = await createTestBot({ locale: 'en' });
    await walk(bot, [
      { say: 'how do I submit a dossier online', expect: 'First, you need to log into the Portal with VNeID' },
      { tap: 'I can log in', expect: 'search box' },
      { tap: 'Done, next ▶', expect: 'there is no district level' },
      { tap: 'Done, next ▶', expect: 'electronic form' },
      { tap: 'Done, next ▶', expect: 'personal data store' },
      { tap: 'Done, next ▶', expect: 'fees or charges' },
      { tap: 'Done, next ▶', expect: 'Write down the dossier code' },
      { tap: 'Done, next ▶', expect: 'more documents requested' },
      { tap: 'Done, next ▶', expect: 'by post, or at the one-stop desk' },
      { tap: 'Do I also need to bring paper copies?', expect: 'You do not need to go in person' },
    ]);
  });
});
