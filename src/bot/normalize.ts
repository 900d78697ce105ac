// Vietnamese free text folded for matching: lower case, no diacritics, đ → d, common chat
// abbreviations spelled out, so "k nhan dc otp" and "Không nhận được OTP" look alike.

const ABBREVIATIONS: Record<string, string> = {
  k: 'khong',
  ko: 'khong',
  kg: 'khong',
  khg: 'khong',
  hok: 'khong',
  dc: 'duoc',
  dk: 'dang ky',
  dky: 'dang ky',
  tk: 'tai khoan',
  mk: 'mat khau',
  dvc: 'dich vu cong',
  hs: 'ho so',
  sdt: 'so dien thoai',
  dt: 'dien thoai',
  cccd: 'can cuoc',
  cmnd: 'can cuoc',
  ntn: 'nhu the nao',
  vs: 'voi',
  j: 'gi',
  z: 'vay',
  r: 'roi',
  bik: 'biet',
  bit: 'biet',
  bjt: 'biet',
  bn: 'bao nhieu',
  ng: 'nguoi',
  ck: 'chuyen khoan',
  stk: 'so tai khoan',
  dvcqg: 'dich vu cong quoc gia',
  vnid: 'vneid',
  dichvucong: 'dich vu cong',
  // Southern and chat spellings.
  hong: 'khong',
  dzay: 'vay',
  dzi: 'vay',
  tui: 'toi',
  pass: 'mat khau',
  pw: 'mat khau',
  app: 'ung dung',
  apps: 'ung dung',
};

/** Words people split or join differently ("pass code", "vn eid"), written one way. */
const JOINED: [RegExp, string][] = [
  [/\bpass code\b/g, 'passcode'],
  [/\bvn eid\b/g, 'vneid'],
  [/\bvn id\b/g, 'vneid'],
  [/\be wallet\b/g, 'ewallet'],
  [/\bpay gov\b/g, 'paygov'],
  // "muc1", "loai2": a number typed onto its word.
  [/\b(muc|loai|level)(\d)\b/g, '$1 $2'],
];

/** Lower case, diacritics removed, đ → d, punctuation to spaces, spaces collapsed. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** foldDiacritics plus chat abbreviations expanded, for intent matching. */
export function normalizeForMatching(text: string): string {
  return JOINED.reduce((folded, [pattern, joined]) => folded.replace(pattern, joined), foldDiacritics(text))
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}
