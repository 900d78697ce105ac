// Personal data a person may type by mistake (an ID-card number, a phone number, an OTP, a
// password) is masked before the text is stored, logged, matched or relayed anywhere.

export type PersonalDataKind = 'id_number' | 'phone' | 'otp' | 'password';

export interface MaskedText {
  text: string;
  found: PersonalDataKind[];
}

/** Kept in the stored text in place of the secret; language-neutral, since both sides read it. */
export const MASK = '[***]';

// Order matters: secrets named by a keyword first, then bare numbers.
const PATTERNS: { kind: PersonalDataKind; pattern: RegExp; keep?: number }[] = [
  {
    // "mật khẩu (của tôi) là X": anything after an explicit "là / : / =" is a secret.
    kind: 'password',
    pattern: /((?:mật\s*khẩu|mat\s*khau|\bmk|password|\bpass(?:code|word)?)(?:\s+(?:của\s+tôi|cua\s+toi|của\s+em|cua\s+em|mới|moi|vneid|my))*\s*(?:là|la|:|=|\bis\b)\s*)(\S+)/giu,
    keep: 1,
  },
  {
    // "mk Abc@123": without "là", only a word with a digit or a sign looks like a password.
    kind: 'password',
    pattern: /((?:mật\s*khẩu|mat\s*khau|\bmk|password|\bpass(?:code|word)?)\s+)((?=\S*[\d\p{P}\p{S}])\S{6,})/giu,
    keep: 1,
  },
  {
    kind: 'otp',
    pattern: /((?:\botp|\bmã(?:\s*xác\s*(?:thực|nhận))?|\bma(?:\s*xac\s*(?:thuc|nhan))?|\bcode)\s*(?:otp\s*)?(?:là|la|:|=|\bis\b)?\s*)(\d{4,8})\b/giu,
    keep: 1,
  },
  { kind: 'id_number', pattern: /(?<![\d])(?:\d[ .-]?){11}\d(?![\d])/gu },
  { kind: 'phone', pattern: /(?<![\d+])(?:\+?84[ .-]?|0)(?:[35789])(?:[ .-]?\d){8}(?![\d])/gu },
];

export function maskPersonalData(input: string): MaskedText {
  const found = new Set<PersonalDataKind>();
  let text = input;
  for (const { kind, pattern, keep } of PATTERNS) {
    text = text.replace(pattern, (...groups: unknown[]) => {
      const whole = groups[0] as string;
      if (whole.includes(MASK)) return whole;
      found.add(kind);
      return keep ? `${groups[keep] as string}${MASK}` : MASK;
    });
  }
  return { text, found: [...found] };
}
