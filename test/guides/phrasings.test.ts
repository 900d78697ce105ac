// What people really type, with and without diacritics, in chat shorthand, and a few in
// English: each must find its guide alone (a tie that asks "which one?" counts as a miss).
import { describe, expect, it } from 'vitest';
import { IntentMatcher } from '../../src/bot/intent.js';
import { loadFlows } from '../../src/flows/loader.js';

const PHRASINGS: [text: string, guide: string][] = [
  // Account and logging in.
  ['dang ky tai khoan dich vu cong', 'taikhoan'],
  ['Đăng ký tài khoản dịch vụ công như thế nào?', 'taikhoan'],
  ['quên mật khẩu vneid', 'taikhoan'],
  ['quen mk vneid', 'taikhoan'],
  ['k nhan dc otp', 'taikhoan'],
  ['Không nhận được mã OTP', 'taikhoan'],
  ['ko nhận đc mã xác thực', 'taikhoan'],
  ['làm sao đăng nhập cổng dịch vụ công quốc gia', 'taikhoan'],
  ['dang nhap dvc bang vneid', 'taikhoan'],
  ['tk dvc cu khong dang nhap duoc', 'taikhoan'],
  ['Tài khoản dịch vụ công cũ không vào được', 'taikhoan'],
  ['vneid muc 1 nop ho so duoc khong', 'taikhoan'],
  ['nâng cấp vneid lên mức 2 ở đâu', 'taikhoan'],
  ['quên passcode', 'taikhoan'],
  ['quen pass code vneid', 'taikhoan'],
  ['đổi điện thoại mới không đăng nhập được vneid', 'taikhoan'],
  ['thông tin trên vneid bị sai', 'taikhoan'],
  ['kich hoat vneid nhu the nao', 'taikhoan'],
  ['cach tao tai khoan vneid', 'taikhoan'],
  ['kiem tra sim chinh chu', 'taikhoan'],
  ['đăng ký tài khoản cho doanh nghiệp', 'taikhoan'],
  ['tai khoan dinh danh to chuc', 'taikhoan'],
  ['mat khau vneid bi khoa', 'taikhoan'],
  ['toi chua co tai khoan dich vu cong', 'taikhoan'],
  ['otp ko ve', 'taikhoan'],
  ['mat pass', 'taikhoan'],
  ['đổi sim', 'taikhoan'],
  ['I forgot my VNeID password', 'taikhoan'],
  ['how do I log in to the portal', 'taikhoan'],
  // Paying fees.
  ['thanh toan phi', 'thanhtoan'],
  ['Thanh toán lệ phí trực tuyến như thế nào', 'thanhtoan'],
  ['nộp phí hồ sơ online', 'thanhtoan'],
  ['đã chuyển tiền rồi mà hồ sơ vẫn chưa thanh toán', 'thanhtoan'],
  ['bi tru tien 2 lan', 'thanhtoan'],
  ['tải biên lai điện tử ở đâu', 'thanhtoan'],
  ['thanh toán bằng ví điện tử được không', 'thanhtoan'],
  ['tra phi bang the ngan hang', 'thanhtoan'],
  ['đóng lệ phí online', 'thanhtoan'],
  ['ngân hàng trừ tiền nhưng hồ sơ báo chưa thanh toán', 'thanhtoan'],
  ['thanh toan qua ma qr', 'thanhtoan'],
  ['how do I pay the fee online', 'thanhtoan'],
  ['I was charged but it says unpaid', 'thanhtoan'],
  // Submitting a dossier.
  ['nop ho so online', 'nophoso'],
  ['Nộp hồ sơ trực tuyến', 'nophoso'],
  ['làm thủ tục hành chính trên mạng', 'nophoso'],
  ['theo dõi hồ sơ ở đâu', 'nophoso'],
  ['tra cuu ho so bang ma', 'nophoso'],
  ['hồ sơ bị yêu cầu bổ sung', 'nophoso'],
  ['toàn trình là gì', 'nophoso'],
  ['có phải nộp bản giấy không', 'nophoso'],
  ['đăng ký khai sinh online', 'nophoso'],
  ['lấy kết quả điện tử ở đâu', 'nophoso'],
  ['kho dữ liệu cá nhân là gì', 'nophoso'],
  ['dang ky tam tru online', 'nophoso'],
  ['hs nop online', 'nophoso'],
  ['submit an application online', 'nophoso'],
  ['track my dossier status', 'nophoso'],
  // Help in person.
  ['bộ phận một cửa ở đâu', 'hotro'],
  ['so dien thoai ubnd xa', 'hotro'],
  ['cần người hướng dẫn trực tiếp', 'hotro'],
  ['tổ công nghệ số cộng đồng', 'hotro'],
  ['giờ làm việc của ủy ban xã', 'hotro'],
  ['toi muon gap can bo ho tro', 'hotro'],
  ['where is the one stop desk near me', 'hotro'],
  ['tôi không biết dùng điện thoại', 'hotro'],
  // Questions people ask.
  ['câu hỏi thường gặp', 'hoidap'],
  ['nguoi gia khong co dien thoai thong minh thi sao', 'hoidap'],
  ['sau sáp nhập nộp hồ sơ ở đâu', 'hoidap'],
  ['Trợ lý có hỏi mật khẩu không', 'hoidap'],
  ['frequently asked questions', 'hoidap'],
  // Where to start.
  ['tôi muốn làm dịch vụ công', 'menu'],
  ['xin chào', 'menu'],
  ['bat dau', 'menu'],
];

describe('free text finds the right guide', () => {
  const matcher = new IntentMatcher(loadFlows());

  it('has a table of at least 60 phrasings covering every guide', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PHRASINGS.map(([, g]) => g))).toEqual(
      new Set(['taikhoan', 'thanhtoan', 'nophoso', 'hotro', 'hoidap', 'menu']),
    );
  });

  it('finds the expected guide for every phrasing', () => {
    const misses = PHRASINGS.map(([text, guide]) => ({ text, guide, found: matcher.match(text).flowIds })).filter(
      (r) => r.found.length !== 1 || r.found[0] !== r.guide,
    );
    const hits = PHRASINGS.length - misses.length;
    console.info(`phrasing hit rate: ${hits}/${PHRASINGS.length} (${((100 * hits) / PHRASINGS.length).toFixed(1)}%)`);
    expect(misses).toEqual([]);
  });
});

describe('the question people ask most', () => {
  it('"đăng ký dịch vụ công", with or without diacritics or in shorthand, opens the account guide', async () => {
    const { createTestBot } = await import('../support/harness.js');
    for (const text of ['đăng ký dịch vụ công', 'làm sao để đăng ký dịch vụ công', 'dk dvc']) {
      const bot = await createTestBot();
      await bot.start();
      await bot.send(text);
      expect(bot.lastText()).toContain('VNeID');
      bot.close();
    }
  });
});

describe('a question that names its problem', () => {
  it.each([
    ['quen mat khau vneid', 'bấm “Quên mật khẩu”'],
    ['k nhan dc otp', 'TTTB gửi 1414'],
    ['đổi điện thoại mới thì sao', 'một điện thoại tại một thời điểm'],
  ])('"%s" opens the guide at the answer, with Back to its start', async (text, answer) => {
    const { createTestBot } = await import('../support/harness.js');
    const bot = await createTestBot();
    await bot.start();
    await bot.send(text);
    expect(bot.lastText()).toContain(answer);
    await bot.tap('◀ Quay lại');
    expect(bot.lastText()).toContain('VNeID');
    bot.close();
  });
});
