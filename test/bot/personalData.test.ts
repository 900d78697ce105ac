import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/bot/personalData.js';

describe('personal data in free text', () => {
  it.each([
    ['số căn cước của tôi là 079095001234', 'id_number', '079095001234'],
    ['cccd 0790 9500 1234 bị sai tên', 'id_number', '0790 9500 1234'],
    ['sdt 0912345678 không nhận được mã', 'phone', '0912345678'],
    ['gọi cho tôi +84 912 345 678', 'phone', '912 345 678'],
    ['mã OTP là 482913', 'otp', '482913'],
    ['ma xac thuc 482913 het han roi', 'otp', '482913'],
    ['otp: 1234', 'otp', '1234'],
    ['mật khẩu của tôi: Abc@12345', 'password', 'Abc@12345'],
    ['mk la Abc@12345 dung khong', 'password', 'Abc@12345'],
    ['my password is Secret!99', 'password', 'Secret!99'],
  ])('masks %s', (input, kind, secret) => {
    const masked = maskPersonalData(input);
    expect(masked.found).toContain(kind);
    expect(masked.text).not.toContain(secret);
    expect(masked.text).toContain('[***]');
  });

  it.each([
    'quên mật khẩu vneid',
    'k nhan dc otp',
    'nhắn TTTB gửi 1414',
    'tổng đài 18001096',
    'hồ sơ 1.020 bộ',
    'năm 2024 mức 2',
  ])('leaves ordinary questions alone: %s', (input) => {
    expect(maskPersonalData(input)).toEqual({ text: input, found: [] });
  });

  it('never lets a 12-digit number through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{12}$/), fc.string(), (before, id, after) => {
        const masked = maskPersonalData(`${before} ${id} ${after}`).text;
        expect(masked).not.toContain(id);
      }),
      { numRuns: 500 },
    );
  });
});
