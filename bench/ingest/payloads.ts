// What the ingest benchmark sends: Telegram updates and signed Zalo OA events from many
// different people, with a share of redeliveries (same update id) as Telegram makes them.
import { createHash } from 'node:crypto';

export const BENCH_TOKEN = '100000001:bench-token_abcdefghijklmnopqrstuvwxyz';
export const BENCH_SECRET = 'bench-webhook-secret_0123456789';
export const ZALO_APP_ID = '1234567890';
export const ZALO_APP_SECRET = 'bench_app_secret';
export const ZALO_OA_SECRET = 'bench_oa_secret';

/** Spread over this many people, so the per-person flood guard is never what is measured. */
export const PEOPLE = 20_000;
/** Returning people: few enough that the warm-up meets each of them first (fewer with --quick). */
export const RETURNING_PEOPLE = Number(process.env.BENCH_RETURNING_PEOPLE ?? 500);
/** Every Nth request repeats the previous update: the redelivery must be skipped. */
export const REDELIVER_EVERY = 20;

/** What people type: a command, guide questions the intent matcher answers, small talk. */
const TEXTS = [
  '/start',
  'tôi muốn tạo tài khoản dịch vụ công',
  'làm sao nộp hồ sơ trực tuyến',
  'thanh toán lệ phí online như thế nào',
  'menu',
  'xin chào',
  'k nhan dc otp',
];

/** What people already in a guide type next: questions, a step's answer, the next step. */
export const MID_GUIDE_TEXTS = [
  'k nhan dc otp',
  'Có, tôi đã có thẻ',
  'làm sao nộp hồ sơ trực tuyến',
  'thanh toán lệ phí online như thế nào',
  'quên mật khẩu vneid',
  'Tôi đã đăng nhập được',
];

export interface Audience {
  /** How many different people send. */
  people: number;
  /** What they type, in turn. */
  texts: readonly string[];
}

/** First contact: thousands of different people, most seen once. */
export const FIRST_CONTACT: Audience = { people: PEOPLE, texts: TEXTS };
/** People in the middle of a guide (the warm-up is their first contact). */
export const RETURNING: Audience = { people: RETURNING_PEOPLE, texts: MID_GUIDE_TEXTS };

export interface Sequence {
  /** The i-th request's body as bytes, and whether it is a redelivery. */
  next(): { body: string; redelivery: boolean };
}

export function telegramSequence(firstUpdateId: number, audience: Audience = FIRST_CONTACT): Sequence {
  let i = 0;
  let last = '';
  return {
    next() {
      i++;
      if (i % REDELIVER_EVERY === 0 && last) return { body: last, redelivery: true };
      const updateId = firstUpdateId + i;
      const chat = 100_000 + (i % audience.people);
      const from = { id: chat, is_bot: false, first_name: 'An', language_code: 'vi' };
      last = JSON.stringify({
        update_id: updateId,
        message: {
          message_id: updateId,
          date: 1_700_000_000,
          chat: { id: chat, type: 'private', first_name: 'An' },
          from,
          // The mix turns with each person's next message, and differs between people.
          text: audience.texts[(i + Math.floor(i / audience.people)) % audience.texts.length],
        },
      });
      return { body: last, redelivery: false };
    },
  };
}

export function zaloSequence(prefix: string): Sequence {
  let i = 0;
  let last = '';
  return {
    next() {
      i++;
      if (i % REDELIVER_EVERY === 0 && last) return { body: last, redelivery: true };
      last = JSON.stringify({
        app_id: ZALO_APP_ID,
        user_id_by_app: '979122185046046317',
        event_name: 'user_send_text',
        timestamp: String(Date.now()),
        sender: { id: String(6_142_494_823_000_000 + (i % PEOPLE)) },
        recipient: { id: '3662729599332560487' },
        message: { msg_id: `${prefix}-${i}`, text: TEXTS[i % TEXTS.length]!.replace('/start', 'bắt đầu') },
      });
      return { body: last, redelivery: false };
    },
  };
}

/** Zalo's MAC: SHA-256 over app id + raw body + timestamp + OA secret key. */
export function zaloSignature(raw: string): string {
  const timestamp = (JSON.parse(raw) as { timestamp: string }).timestamp;
  return `mac=${createHash('sha256')
    .update(ZALO_APP_ID + raw + timestamp + ZALO_OA_SECRET, 'utf8')
    .digest('hex')}`;
}
