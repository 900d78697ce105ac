// The people who write to the bot in the two-replica test, fixed by a seed: what each says,
// in order, and how Telegram delivers each message: to which replica first, whether it is
// delivered a second time to the other one (at the same moment, or later, while the person
// already writes again), and how long the person reads before answering.
import { seededRandom } from '../../../src/campaign/demo.js';

/** What citizens write: the start, guides by their words, typed choices, the menu, cancelling. */
const OPENINGS = ['/start', 'xin chào', 'tạo tài khoản vneid', 'xin chao, lam sao tao tai khoan dich vu cong'];
const SAYS = [
  '/start',
  'tạo tài khoản vneid',
  '1',
  '2',
  'menu',
  'quên mật khẩu',
  '/thanhtoan',
  'nộp hồ sơ trực tuyến',
  'toi chua co vneid',
  'nop le phi online the nao',
  'quay lại',
  '/huy',
];

/** How Telegram delivers one update besides the first time. */
export type Copy = 'none' | 'together' | 'late';

export interface Message {
  updateId: number;
  chat: number;
  text: string;
  /** The replica Telegram's request reaches first (the load balancer's pick). */
  replica: 0 | 1;
  copy: Copy;
  /** How long the person reads the answer before writing again. */
  readMs: number;
}

export interface Citizen {
  chat: number;
  messages: Message[];
}

export interface CitizenOptions {
  count: number;
  messagesEach: number;
  /** Chat ids start here. */
  firstChat: number;
  /** Share of updates delivered twice, half of them at once to both replicas, half later. */
  redelivered: number;
  readMs: { min: number; max: number };
  seed: number;
}

export function citizens(options: CitizenOptions): Citizen[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let updateId = 0;
  return Array.from({ length: options.count }, (_, i) => {
    const chat = options.firstChat + i;
    const messages = Array.from({ length: options.messagesEach }, (_, n): Message => {
      const again = random();
      return {
        updateId: ++updateId,
        chat,
        text: n === 0 ? pick(OPENINGS) : pick(SAYS),
        replica: random() < 0.5 ? 0 : 1,
        copy: again < options.redelivered / 2 ? 'together' : again < options.redelivered ? 'late' : 'none',
        readMs: options.readMs.min + random() * (options.readMs.max - options.readMs.min),
      };
    });
    return { chat, messages };
  });
}

/** The update Telegram posts to the webhook for a message. */
export function updateBody(message: Message): string {
  const from = { id: message.chat, is_bot: false, first_name: 'Người dân', language_code: 'vi' };
  return JSON.stringify({
    update_id: message.updateId,
    message: {
      message_id: message.updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: message.chat, type: 'private', first_name: 'A' },
      from,
      text: message.text,
    },
  });
}
