// The bot never asks for a password, passcode, OTP or a photo of an ID card, and says so
// where a person is about to type an OTP.
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/flows/loader.js';
import { readLocaleResources, type Resources } from '../../src/i18n/index.js';
import { LOCALES, type Locale } from '../../src/i18n/format.js';

const resources = readLocaleResources();

function stringsOf(res: Resources, locale: Locale, only?: string[]): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  const walk = (key: string, node: unknown): void => {
    if (typeof node === 'string') out.push({ key, text: node });
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(key ? `${key}.${k}` : k, v);
  };
  for (const [ns, tree] of Object.entries(res[locale] ?? {})) if (!only || only.includes(ns)) walk(`${ns}:`, tree);
  return out;
}

/** Whole words, Vietnamese letters included (JavaScript's \b knows only ASCII letters). */
const words = (alternatives: string): RegExp => new RegExp(`(?<!\\p{L})(${alternatives})(?!\\p{L})`, 'iu');

const SECRET: Record<Locale, RegExp> = {
  vi: words('OTP|mật khẩu|passcode|ảnh (thẻ )?căn cước|ảnh CCCD|ảnh giấy tờ'),
  en: words('OTP|password|passcode|photos? of (your )?ID( card)?|photos? of papers'),
};
/** Handing something to someone: "gửi … cho", "cho … biết", "cung cấp"; not "the app sends a code to your phone". */
const HANDING_OVER: Record<Locale, RegExp> = {
  vi: /(?<!\p{L})(gửi|đưa|đọc|nhắn)(?!\p{L})[^.\n]*(?<!\p{L})cho(?!\p{L})|(?<!\p{L})cho(?!\p{L})[^.\n]*(?<!\p{L})biết(?!\p{L})|(?<!\p{L})cung cấp(?!\p{L})/iu,
  en: /\b(send|give|tell|share|read out|provide)\b[^.\n]*\b(to|us|me|the assistant|anyone)\b|\bmessages? you asking\b/i,
};
const NEGATION: Record<Locale, RegExp> = {
  vi: words('không|đừng|chưa bao giờ'),
  en: /\b(never|not|no)\b/i,
};

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?:])\s+|\n+/).filter((s) => s.trim());
}

function asksForSecret(sentence: string, locale: Locale): boolean {
  return SECRET[locale].test(sentence) && HANDING_OVER[locale].test(sentence) && !NEGATION[locale].test(sentence);
}

describe('no text asks for a secret', () => {
  it('the check itself tells a request from a warning', () => {
    expect(asksForSecret('Bạn gửi mã OTP cho Trợ lý để kiểm tra.', 'vi')).toBe(true);
    expect(asksForSecret('Hãy cho Trợ lý biết mật khẩu VNeID.', 'vi')).toBe(true);
    expect(asksForSecret('Vui lòng cung cấp ảnh thẻ căn cước.', 'vi')).toBe(true);
    expect(asksForSecret('Please send us a photo of your ID card.', 'en')).toBe(true);
    expect(asksForSecret('Không bao giờ gửi mã OTP cho bất kỳ ai, kể cả Trợ lý này.', 'vi')).toBe(false);
    expect(asksForSecret('Ứng dụng gửi mã OTP qua tin nhắn về điện thoại.', 'vi')).toBe(false);
    expect(asksForSecret('Never send an OTP code to anyone, not even to this assistant.', 'en')).toBe(false);
  });

  for (const locale of LOCALES)
    it(`every ${locale} sentence that speaks of handing over an OTP, password, passcode or ID photo forbids it`, () => {
      const asking = stringsOf(resources, locale).flatMap(({ key, text }) =>
        sentences(text)
          .filter((s) => asksForSecret(s, locale))
          .map((s) => `${key}: ${s}`),
      );
      expect(asking).toEqual([]);
    });

  it('no guide step that waits for typed text asks for a secret', () => {
    const t = (key: string, locale: Locale): string => {
      const [ns, path] = key.split(':') as [string, string];
      return path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], resources[locale][ns]) as string;
    };
    const inputSteps = loadFlows().flatMap((f) => Object.values(f.steps).filter((s) => s.input));
    expect(inputSteps.length).toBeGreaterThan(0);
    for (const step of inputSteps) for (const locale of LOCALES) expect(t(step.say, locale)).not.toMatch(SECRET[locale]);
  });

  it('every guide text that has the person type an OTP warns never to send it to anyone, this assistant included', () => {
    const typesOtp: Record<Locale, RegExp> = {
      vi: /OTP[\s\S]*\bnhập|nhập[\s\S]*OTP/i,
      en: /\b(enter|type)\b[\s\S]*OTP|OTP[\s\S]*\b(enter|type)\b/i,
    };
    const warns: Record<Locale, RegExp> = {
      vi: /Không đưa mã OTP cho bất kỳ ai, kể cả người xưng là công an, cán bộ hay ngân hàng, và cả Trợ lý này/,
      en: /Never give the OTP to anyone, even someone claiming to be the police, an official or your bank, and not to this Assistant either/,
    };
    for (const locale of LOCALES) {
      const steps = stringsOf(resources, locale, ['guides']).filter(({ text }) => typesOtp[locale].test(text));
      expect(steps.length).toBeGreaterThanOrEqual(5);
      expect(steps.filter(({ text }) => !warns[locale].test(text)).map(({ key }) => key)).toEqual([]);
    }
  });
});
