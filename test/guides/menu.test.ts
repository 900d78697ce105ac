// The main menu and the questions people ask: /start and /menu offer the five guides,
// every FAQ answer leads into the guide that covers it, /huy leaves any guide.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/harness.js';
import { walk } from './support/transcript.js';

let bot: TestBot;
afterEach(() => bot?.close());

const GUIDES_VI = [
  '🔑 Tài khoản và đăng nhập (VNeID)',
  '📄 Nộp hồ sơ trực tuyến',
  '💳 Thanh toán phí, lệ phí',
  '📍 Nơi hỗ trợ trực tiếp',
  '❓ Câu hỏi thường gặp',
  '⚠️ Cảnh báo lừa đảo',
];

describe('main menu', () => {
  it('greets briefly, says the bot never asks for secrets, and offers the guides and the scam warnings on /start and /menu', async () => {
    bot = await createTestBot();
    await bot.start();
    expect(bot.lastText()).toContain('Trợ lý không bao giờ hỏi mật khẩu, mã OTP hay ảnh thẻ căn cước của ông/bà.');
    // A first contact also gets the privacy notice, with its own button first.
    expect(bot.choiceLabels()).toEqual(['Chọn quyền riêng tư', ...GUIDES_VI]);
    await bot.start();
    expect(bot.choiceLabels()).toEqual(GUIDES_VI);
    await bot.command('menu');
    expect(bot.choiceLabels()).toEqual(GUIDES_VI);
  });

  it('reads in English', async () => {
    bot = await createTestBot({ locale: 'en' });
    await bot.command('menu');
    expect(bot.choiceLabels()).toEqual([
      '🔑 Account and logging in (VNeID)',
      '📄 Submit a dossier online',
      '💳 Pay fees and charges',
      '📍 Help in person',
      '❓ Common questions',
      '⚠️ Scam warnings',
    ]);
  });

  it('starts each guide from its menu choice, and the Menu choice of any step returns here', async () => {
    bot = await createTestBot();
    const starts: [string, string][] = [
      ['🔑 Tài khoản và đăng nhập (VNeID)', 'Ông/bà đã có thẻ căn cước gắn chip'],
      ['📄 Nộp hồ sơ trực tuyến', 'ông/bà cần đăng nhập Cổng bằng VNeID'],
      ['💳 Thanh toán phí, lệ phí', 'tài khoản ngân hàng và mã hồ sơ'],
      ['📍 Nơi hỗ trợ trực tiếp', 'gõ tên xã, phường'],
      ['❓ Câu hỏi thường gặp', 'Ông/bà chọn câu hỏi muốn xem'],
      ['⚠️ Cảnh báo lừa đảo', 'Công an không hướng dẫn kích hoạt hay cập nhật định danh điện tử qua điện thoại'],
    ];
    for (const [label, text] of starts) {
      await bot.command('menu');
      await bot.tap(label);
      expect(bot.lastText()).toContain(text);
      await bot.tap('☰ Menu chính');
      expect(bot.choiceLabels()).toEqual(GUIDES_VI);
    }
  });

  it('/huy leaves a guide part-way', async () => {
    bot = await createTestBot();
    await bot.command('taikhoan');
    await bot.tap('Có, tôi đã có thẻ');
    await bot.command('huy');
    expect(bot.lastText()).toContain('Đã dừng hướng dẫn');
    expect(await bot.store.conversations.get(await bot.personId())).toBeUndefined();
  });
});

describe('questions people ask', () => {
  // [question, a piece of its answer, the link into a guide, where that link lands]
  const FAQ: [string, string, string, string][] = [
    ['Tài khoản DVC cũ không vào được?', 'Từ ngày 1/7/2024', 'Xem cách đăng nhập bằng VNeID', 'Ông/bà chọn một cách'],
    [
      'VNeID mức 1 nộp hồ sơ được không?',
      'nâng lên mức 2 tại Công an xã',
      'Nâng lên mức 2 ở đâu?',
      'Công an xã, phường, hoặc nơi làm thủ tục căn cước',
    ],
    ['Không nhận được mã OTP?', 'TTTB gửi 1414', 'Xem cách xử lý từng bước', 'soạn tin TTTB gửi 1414'],
    ['Quên mật khẩu hoặc passcode?', 'Quên mật khẩu', 'Lấy lại passcode', 'đặt passcode mới gồm 6 số'],
    ['Đổi điện thoại mới thì sao?', 'một điện thoại tại một thời điểm', 'Xem hướng dẫn từng bước', 'xác thực lại'],
    ['Thông tin trên VNeID bị sai?', 'Phản ánh khó khăn, vướng mắc', 'Xem hướng dẫn từng bước', 'tạo phản ánh'],
  ];
  const FAQ_PAGE2: [string, string, string, string][] = [
    ['Theo dõi hồ sơ ở đâu?', 'mã QR trên giấy tiếp nhận', 'Xem cách theo dõi hồ sơ', 'đang xử lý'],
    ['Có phải nộp thêm bản giấy không?', 'toàn trình', 'Toàn trình và một phần', 'Ông/bà không phải đến nơi nộp'],
    ['Đã trả tiền mà hồ sơ báo chưa trả?', 'Đừng thanh toán lại', 'Xem hướng dẫn từng bước', 'đừng thanh toán lại'],
    ['Lấy kết quả điện tử ở đâu?', 'kho dữ liệu cá nhân', 'Kho dữ liệu cá nhân là gì?', 'bản sao chứng thực điện tử'],
    ['Sau sáp nhập, nộp hồ sơ ở đâu?', 'không còn cấp huyện', 'Xem cách chọn nơi nộp', 'cấp tỉnh, hoặc xã, phường mới'],
    ['Người già không có điện thoại thông minh?', 'không cho người khác mượn', '📍 Tìm nơi hỗ trợ gần tôi', 'gõ tên xã, phường'],
    [
      'Trợ lý có hỏi mật khẩu, OTP không?',
      'Trợ lý không bao giờ hỏi mật khẩu',
      'Xem câu hỏi khác',
      'Ông/bà chọn câu hỏi muốn xem',
    ],
  ];

  it('answers each question briefly and links into the guide that covers it', async () => {
    bot = await createTestBot();
    let n = 0;
    for (const [page, rows] of [
      [1, FAQ],
      [2, FAQ_PAGE2],
    ] as const)
      for (const [question, answer, link, landing] of rows) {
        const person = bot.as(`faq-${++n}`);
        await person.command('hoidap');
        if (page === 2) await person.tap('Câu hỏi khác ▶');
        await walk(person, [
          { tap: question, expect: answer },
          { tap: link, expect: landing },
        ]);
      }
  });

  it('reads in English', async () => {
    bot = await createTestBot({ locale: 'en' });
    await walk(bot, [
      { command: 'hoidap', expect: 'Choose the question you want to see' },
      { tap: "I don't get the OTP code?", expect: 'Text TTTB to 1414' },
      { tap: 'See what to do, step by step', expect: 'text TTTB to 1414 (free of charge)' },
    ]);
  });
});
