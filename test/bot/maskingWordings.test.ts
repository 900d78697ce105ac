// Secrets as people really write them, each with the exact text that is kept afterwards
// (MASK is `[***]`), and ordinary sentences that must come through untouched so the guides
// still understand them.
import { describe, expect, it } from 'vitest';
import { maskPersonalData, type PersonalDataKind } from '../../src/bot/personalData.js';

const MASKED: [input: string, kept: string, kind: PersonalDataKind][] = [
  // OTPs, the word before the code…
  ['mã OTP là 482913', 'mã OTP là [***]', 'otp'],
  ['otp của tôi là 112233', 'otp của tôi là [***]', 'otp'],
  ['mã otp của tôi là 246810', 'mã otp của tôi là [***]', 'otp'],
  ['OTP gồm 6 số 445566', 'OTP gồm 6 số [***]', 'otp'],
  ['OTP 6 số: 445566', 'OTP 6 số: [***]', 'otp'],
  ['ma xac thuc 482913 het han roi', 'ma xac thuc [***] het han roi', 'otp'],
  ['ma otp cua toi la 908172', 'ma otp cua toi la [***]', 'otp'],
  ['otp: 1234', 'otp: [***]', 'otp'],
  ['OTP=654321', 'OTP=[***]', 'otp'],
  ['otp123456', 'otp[***]', 'otp'],
  ['MÃ OTP LÀ 482913', 'MÃ OTP LÀ [***]', 'otp'],
  ['mã xác nhận của em: 778899', 'mã xác nhận của em: [***]', 'otp'],
  ['mã OTP vừa gửi về là 123 456', 'mã OTP vừa gửi về là [***]', 'otp'],
  ['nhập mã 334455 mà báo sai', 'nhập mã [***] mà báo sai', 'otp'],
  ['my otp is 551234', 'my otp is [***]', 'otp'],
  ['the verification code is 7788', 'the verification code is [***]', 'otp'],
  // … and the code before the word.
  ['135790 là mã OTP', '[***] là mã OTP', 'otp'],
  ['908172 la ma otp', '[***] la ma otp', 'otp'],
  ['246810 là mã xác thực VNeID', '[***] là mã xác thực VNeID', 'otp'],
  ['551234 is my OTP', '[***] is my OTP', 'otp'],
  // Passwords: mật khẩu, mk, pass, pw, password, with or without "là" / ":".
  ['mật khẩu của tôi: Abc@12345', 'mật khẩu của tôi: [***]', 'password'],
  ['mk la Abc@12345 dung khong', 'mk la [***] dung khong', 'password'],
  ['mk: 12345678', 'mk: [***]', 'password'],
  ['mk Abc@1234', 'mk [***]', 'password'],
  ['pw: Hunter42x', 'pw: [***]', 'password'],
  ['pass: hunter2', 'pass: [***]', 'password'],
  ['pass la abc123', 'pass la [***]', 'password'],
  ['pwd: s3cr3t', 'pwd: [***]', 'password'],
  ['mật khẩu mới là Xyz789', 'mật khẩu mới là [***]', 'password'],
  ['mat khau vneid la Qwerty@1', 'mat khau vneid la [***]', 'password'],
  ['matkhau la abc12345', 'matkhau la [***]', 'password'],
  ['MẬT KHẨU LÀ Tet2025!', 'MẬT KHẨU LÀ [***]', 'password'],
  ['mật khẩu = hoa.sen99', 'mật khẩu = [***]', 'password'],
  ['my password is Secret!99', 'my password is [***]', 'password'],
  ['password: hunter2 thanks', 'password: [***] thanks', 'password'],
  // 12-digit ID numbers: plain, spaced, dotted, dashed, underscored; 9-digit old ID cards by name.
  ['số căn cước của tôi là 079095001234', 'số căn cước của tôi là [***]', 'id_number'],
  ['cccd 0790 9500 1234 bị sai tên', 'cccd [***] bị sai tên', 'id_number'],
  ['cccd 079_123_456_789', 'cccd [***]', 'id_number'],
  ['CCCD: 079.095.001.234', 'CCCD: [***]', 'id_number'],
  ['can cuoc 079-095-001-234', 'can cuoc [***]', 'id_number'],
  ['079095001234 là số định danh của tôi', '[***] là số định danh của tôi', 'id_number'],
  ['cmnd 023456789', 'cmnd [***]', 'id_number'],
  ['my ID number is 001099012345', 'my ID number is [***]', 'id_number'],
  ['so dinh danh ca nhan: 001 099 012 345', 'so dinh danh ca nhan: [***]', 'id_number'],
  // Phone numbers, with 0 or +84.
  ['sdt 0912345678 không nhận được mã', 'sdt [***] không nhận được mã', 'phone'],
  ['gọi cho tôi +84 912 345 678', 'gọi cho tôi [***]', 'phone'],
  ['số điện thoại 0912.345.678', 'số điện thoại [***]', 'phone'],
  ['call me on +84912345678', 'call me on [***]', 'phone'],
  ['dt: 091 234 5678', 'dt: [***]', 'phone'],
  ['zalo 0387654321 nhé', 'zalo [***] nhé', 'phone'],
  ['(+84) 912345678', '[***]', 'phone'],
  ['84912345678', '[***]', 'phone'],
  // Bank account numbers, named by stk / số tài khoản / tk + a bank.
  ['stk 0123456789012', 'stk [***]', 'bank_account'],
  ['số tài khoản 19036543210011 techcombank', 'số tài khoản [***] techcombank', 'bank_account'],
  ['so tai khoan: 0071000123456', 'so tai khoan: [***]', 'bank_account'],
  ['tk vcb 0071000123456', 'tk vcb [***]', 'bank_account'],
  ['STK Vietcombank 0071 0001 23456', 'STK Vietcombank [***]', 'bank_account'],
  ['tài khoản ngân hàng của tôi là 123456789', 'tài khoản ngân hàng của tôi là [***]', 'bank_account'],
  ['stk của em: 1903-6543-2100-11', 'stk của em: [***]', 'bank_account'],
  ['tk agribank 1234 5678 9012 3', 'tk agribank [***]', 'bank_account'],
  ['my bank account number is 12345678', 'my bank account number is [***]', 'bank_account'],
];

const MIXED: [input: string, kept: string, kinds: PersonalDataKind[]][] = [
  ['pw: Hunter42x, otp 123456', 'pw: [***] otp [***]', ['password', 'otp']],
  ['cccd 079095001234, sdt 0912345678', 'cccd [***], sdt [***]', ['id_number', 'phone']],
  ['stk 0071000123456 và mã OTP là 445566', 'stk [***] và mã OTP là [***]', ['bank_account', 'otp']],
];

/** What people ask, with numbers and the words above, that must reach the guides as typed. */
const UNTOUCHED = [
  'tôi 65 tuổi',
  'năm 2025',
  'hồ sơ 12 trang',
  '120',
  '08/12/2023',
  'ngày 08.12.2023',
  'hồ sơ 1.020 bộ',
  'nộp lệ phí 50.000 đồng',
  'năm 2024 mức 2',
  'nhưng mà 2025 rồi',
  'tổng đài 18001096',
  'nhắn TTTB gửi 1414',
  'từ 7h30 đến 17h',
  'mã hồ sơ 000.12.34.H56-250101-0001',
  'quên mật khẩu vneid',
  'quên mật khẩu vneid?',
  'mật khẩu là gì',
  'mat khau la gi vay',
  'mật khẩu phải có ít nhất 8 ký tự',
  'mk sai 3 lần',
  'k nhan dc otp',
  'mã OTP không về',
  'OTP gồm 6 số',
  'otp hết hạn sau 5 phút',
  'tài khoản vneid của tôi bị khóa',
  'tk 2 cấp',
  'số tài khoản là gì',
  'làm passport ở đâu',
  'tôi pass rồi',
  'cccd bị mờ',
];

describe('masking the wordings people really use', () => {
  it('has a table of at least 60 wordings', () => {
    expect(MASKED.length + MIXED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(MASKED)('%s → %s', (input, kept, kind) => {
    expect(maskPersonalData(input)).toEqual({ text: kept, found: [kind] });
  });

  it.each(MIXED)('%s → %s', (input, kept, kinds) => {
    const masked = maskPersonalData(input);
    expect(masked.text).toBe(kept);
    expect([...masked.found].sort()).toEqual([...kinds].sort());
  });

  it.each(UNTOUCHED)('leaves "%s" as typed', (input) => {
    expect(maskPersonalData(input)).toEqual({ text: input, found: [] });
  });

  it('reads the same wording typed with decomposed diacritics', () => {
    expect(maskPersonalData('mật khẩu là Abc@12345'.normalize('NFD')).text).toBe('mật khẩu là [***]'.normalize('NFC'));
  });
});
