// Facts a citizen reads agree with the content brief: unverified numbers and lists are
// never stated, today's rules are taught, Vietnamese has its diacritics, English is complete.
import { describe, expect, it } from 'vitest';
import { readLocaleResources, keysOf } from '../../src/i18n/index.js';
import { LOCALES } from '../../src/i18n/format.js';

const resources = readLocaleResources();
const GUIDE_NAMESPACES = ['guides', 'faq'];

function texts(locale: 'vi' | 'en', namespaces = GUIDE_NAMESPACES): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  for (const ns of namespaces) walk(resources[locale][ns]);
  return out;
}

describe('guide content', () => {
  it('never states the unverified portal and VNeID hotlines ([C] in the brief)', () => {
    for (const locale of LOCALES)
      for (const namespace of Object.keys(resources[locale]))
        for (const text of texts(locale, [namespace])) expect(text.replace(/[ .]/g, '')).not.toMatch(/18001096|19000368/);
  });

  it('names no bank or e-wallet: the supported list is unverified, people choose from the list shown', () => {
    for (const locale of LOCALES)
      for (const text of texts(locale))
        expect(text).not.toMatch(/Vietcombank|VietinBank|BIDV|Agribank|MoMo|ZaloPay|VNPT Money|VNPAY|Viettel Money|Payoo/i);
  });

  it("teaches today's rules and not the retired ones", () => {
    const vi = texts('vi').join('\n');
    expect(vi).toContain(
      'Từ ngày 1/7/2024, người dân đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID',
    );
    expect(vi).toContain('Từ ngày 1/7/2025, tổ chức, doanh nghiệp dùng tài khoản định danh điện tử của tổ chức');
    // The old "mức độ 1–4" service levels and numbered steps that go stale are not used.
    expect(vi).not.toMatch(/mức độ [1-4]|Bước \d/i);
    expect(texts('en').join('\n')).not.toMatch(/\bStep \d/);
  });

  it('writes Vietnamese with its diacritics', () => {
    // eslint-disable-next-line no-control-regex -- the ASCII range, from NUL, is the point
    const plain = texts('vi').filter((t) => /[a-z]{3,}/i.test(t) && !/[^\x00-\x7F]/.test(t.replace(/\{\{[^}]+\}\}/g, '')));
    expect(plain).toEqual([]);
  });

  it('has every guide text in both languages', () => {
    for (const ns of GUIDE_NAMESPACES) {
      const only = (locale: 'vi' | 'en') => [...keysOf(resources, locale)].filter((k) => k.startsWith(`${ns}:`)).sort();
      expect(only('en')).toEqual(only('vi'));
    }
  });
});
