// Personal data a person may type by mistake (an ID-card number, a phone number, a bank
// account, an OTP, a password) is masked before the text is stored, logged, matched or
// relayed anywhere.
//
// Every pattern runs in linear time on any input: between a keyword and its value only
// bounded runs are allowed ({0,6} spaces, at most a few filler words), and the only
// unbounded quantifier is the last one of a pattern, with nothing after it to backtrack
// into. test/bot/linearPatterns.test.ts feeds them 100.000-character adversarial strings.

export type PersonalDataKind = 'id_number' | 'phone' | 'bank_account' | 'otp' | 'password';

export interface MaskedText {
  text: string;
  found: PersonalDataKind[];
}

/** Kept in the stored text in place of the secret; language-neutral, since both sides read it. */
export const MASK = '[***]';

const VOWELS: Record<string, string> = {
  a: 'aàáảãạăằắẳẵặâầấẩẫậ',
  e: 'eèéẻẽẹêềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọôồốổỗộơờớởỡợ',
  u: 'uùúủũụưừứửữự',
  y: 'yỳýỷỹỵ',
  d: 'dđ',
};

/**
 * A keyword written without diacritics, matched with any (or none): "mat khau" finds
 * "mật khẩu", "mat khau", "matkhau". Only for words that mean nothing else once the marks
 * are gone; short ones ("mã", "là") are spelt out, or "mà" (but) would read as "mã".
 */
function loose(words: string): string {
  return [...words].map((c) => (c === ' ' ? '\\s{0,2}' : VOWELS[c] ? `[${VOWELS[c]}]` : c)).join('');
}

const oneOf = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** Not inside a word or a number. */
const START = '(?<![\\p{L}\\p{N}_])';
/** A keyword ends where its letters end ("otp123456" still names an OTP). */
const WORD_END = '(?!\\p{L})';
/** A value ends where the word or number ends. */
const VALUE_END = '(?![\\p{L}\\p{N}_])';
const GAP = '\\s{1,6}';
/** Between words: a few spaces, or ":" / "=" with a few spaces around. */
const SEP = '\\s{0,6}(?:[:=]\\s{0,6})?';
const IS = oneOf('là', 'la', 'is', '=');

const OWNER = `${oneOf('của', 'cua')}\\s{1,2}${oneOf('tôi', 'toi', 'tui', 'em', 'mình', 'minh', 'anh', 'chị', 'chi', 'tớ', 'to')}`;
const BANKS = oneOf(
  'vietcombank',
  'vcb',
  'vietinbank',
  'vtb',
  'bidv',
  'agribank',
  'agri',
  'techcombank',
  'tcb',
  'mbbank',
  'mb',
  'acb',
  'vpbank',
  'tpbank',
  'sacombank',
  'scb',
  'shb',
  'hdbank',
  'vib',
  'ocb',
  'msb',
  'eximbank',
  'seabank',
  'lpbank',
  'abbank',
  'pvcombank',
  'kienlongbank',
  'namabank',
  'bacabank',
  'vietcapitalbank',
  'baovietbank',
);

/** Words people put between a keyword and its value, at most a few of them. */
const fillers = (...words: string[]) => `(?:${SEP}${oneOf(...words)}${WORD_END}){0,5}`;

const PASSWORD_WORD = `${START}${oneOf(loose('mat khau'), 'mk', 'password', 'passwd', 'passcode', 'pass', 'pwd', 'pw')}${WORD_END}`;
const PASSWORD_FILLERS = `(?:${GAP}${oneOf(OWNER, loose('moi'), loose('cu'), 'vneid', loose('dang nhap'), loose('tai khoan'), loose('hien tai'), loose('ung dung'), 'app', 'email', 'zalo', 'my', 'new', 'old')}${WORD_END}){0,3}`;
/** "mật khẩu là gì": a question about passwords, not one. */
const QUESTION = `${oneOf('gì', 'gi', 'j', 'chi', 'sao', 'bao', 'mấy', 'may', 'như', 'nhu', 'thế', 'the', 'what', 'how', 'ntn')}${VALUE_END}`;

const OTP_WORD = `${START}${oneOf(`${oneOf('mã', 'ma')}\\s{1,2}${oneOf(loose('xac thuc'), loose('xac nhan'), loose('kich hoat'))}`, 'otp', 'mã', 'ma', `verification\\s{1,2}code`, 'code')}${WORD_END}`;
const OTP_FILLERS = fillers(
  'otp',
  'sms',
  'vneid',
  OWNER,
  'là',
  'la',
  'is',
  'my',
  'the',
  'your',
  loose('gom'),
  loose('vua'),
  loose('moi'),
  loose('gui ve'),
  loose('gui'),
  loose('nhan duoc'),
  loose('nhan'),
  loose('duoc'),
  loose('xac thuc'),
  loose('xac nhan'),
  `\\d{1,2}\\s{0,2}(?:${loose('chu')}\\s{1,2})?${loose('so')}`,
);
/** 4 to 8 digits, or 6 or 8 written in groups ("123 456", "12 34 56", "1234 5678"). */
const OTP_CODE = `(\\d{3}[ .-]\\d{3}|\\d{4}[ .-]\\d{4}|\\d{2}[ .-]\\d{2}[ .-]\\d{2}|\\d{4,8})${VALUE_END}`;

const ID_WORD = `${START}${oneOf('cccd', 'cmnd', 'cmt', loose('can cuoc'), `${loose('chung minh')}\\s{1,2}${oneOf(loose('nhan dan'), loose('thu'))}`, loose('dinh danh'), `id\\s{1,2}${oneOf('card', 'number', 'no')}`, 'national\\s{1,2}id', 'citizen\\s{1,2}id')}${WORD_END}`;
const ID_FILLERS = fillers(
  OWNER,
  loose('cong dan'),
  loose('ca nhan'),
  loose('gan chip'),
  loose('so'),
  loose('moi'),
  'là',
  'la',
  'is',
  'my',
  'number',
  'no',
);

const BANK_WORD = `${START}${oneOf(
  'stk',
  `${loose('so')}\\s{0,2}${oneOf(loose('tai khoan'), 'tk')}`,
  `${oneOf(loose('tai khoan'), 'tk')}\\s{1,2}${oneOf(loose('ngan hang'), 'nh', BANKS)}`,
  `(?:bank\\s{1,2})?account\\s{1,2}${oneOf('number', 'no')}`,
  'bank\\s{1,2}account',
)}${WORD_END}`;
const BANK_FILLERS = fillers(BANKS, loose('ngan hang'), 'nh', OWNER, 'là', 'la', 'is', 'my', 'number', 'no', loose('nhan tien'));

// Order matters: secrets named by a keyword first, then bare numbers, then OTPs (so an ID
// number written in groups is never half-taken for an OTP).
const PATTERNS: { kind: PersonalDataKind; pattern: RegExp; keep?: number; after?: number }[] = [
  {
    // "mật khẩu (của tôi) là X": the word after an explicit "là / : / =" is the secret.
    kind: 'password',
    pattern: new RegExp(
      `(${PASSWORD_WORD}${PASSWORD_FILLERS}\\s{0,6}(?:${oneOf('là', 'la', 'is')}(?=\\s)|[:=])\\s{0,6})(?!${QUESTION})(\\S+)`,
      'giu',
    ),
    keep: 1,
  },
  {
    // "mk Abc@123": without "là", only a word with a digit or a sign looks like a password.
    kind: 'password',
    pattern: new RegExp(`(${PASSWORD_WORD}${PASSWORD_FILLERS}${GAP})((?=\\S{0,63}[\\d@#$%^&*~+|\\\\/<>])\\S{6,})`, 'giu'),
    keep: 1,
  },
  {
    kind: 'bank_account',
    pattern: new RegExp(`(${BANK_WORD}${BANK_FILLERS}${SEP})(\\d(?:[ .-]?\\d){5,18})${VALUE_END}`, 'giu'),
    keep: 1,
  },
  {
    kind: 'id_number',
    pattern: new RegExp(`(${ID_WORD}${ID_FILLERS}${SEP})(\\d(?:[ ._-]{0,2}\\d){8,11})${VALUE_END}`, 'giu'),
    keep: 1,
  },
  // Twelve digits on their own; glued to a letter they are a code ("H56-250101-0001"), not an ID.
  { kind: 'id_number', pattern: /(?<![\p{L}\p{N}])\d(?:[ ._-]?\d){11}(?!\p{N})/gu },
  { kind: 'phone', pattern: /(?<![\p{N}+])(?:\(\+?84\)\s?|\+?84[ .-]?|0)[35789](?:[ .-]?\d){8}(?!\p{N})/gu },
  { kind: 'otp', pattern: new RegExp(`(${OTP_WORD}${OTP_FILLERS}${SEP})${OTP_CODE}`, 'giu'), keep: 1 },
  {
    // "135790 là mã OTP": the code first, the word after.
    kind: 'otp',
    pattern: new RegExp(
      `${START}${OTP_CODE}(${GAP}${IS}${GAP}(?:${oneOf('mã', 'ma', 'my', 'the', 'your')}${GAP}){0,2}${oneOf('otp', loose('xac thuc'), loose('xac nhan'), 'mã', 'ma', 'code')}${WORD_END})`,
      'giu',
    ),
    after: 2,
  },
];

/** The text with ID numbers, phone numbers, OTPs, passwords and bank accounts replaced, and which kinds were found. */
export function maskPersonalData(input: string): MaskedText {
  const found = new Set<PersonalDataKind>();
  // Composed once, so a keyboard that sends decomposed marks is read like any other.
  let text = input.normalize('NFC');
  for (const { kind, pattern, keep, after } of PATTERNS) {
    text = text.replace(pattern, (...groups: unknown[]) => {
      const whole = groups[0] as string;
      if (whole.includes(MASK)) return whole;
      found.add(kind);
      if (keep) return `${groups[keep] as string}${MASK}`;
      if (after) return `${MASK}${groups[after] as string}`;
      return MASK;
    });
  }
  return { text, found: [...found] };
}
