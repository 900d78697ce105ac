// Shared pieces for the Telegram tests: a scripted engine, a bot whose outgoing API calls
// are captured instead of sent, a logger that remembers what it was told, and updates as
// Telegram would deliver them.
import type { Update, UserFromGetMe } from 'grammy/types';
import { scriptedEngine as scriptedEngineWith, type ScriptedEngine } from '../support/scriptedEngine.js';
export type { ScriptedEngine };
import type { Inbound, Reply } from '../../src/bot/types.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/channel.js';

export const TOKEN = '123456789:AAH-test_token_that_must_never_be_logged';
export const SECRET = 'webhook-secret_0123456789abcdef';
export const CHAT_ID = 4242;

export const BOT_INFO: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: 'Trợ lý DVC',
  username: 'trolydvc_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export const APOLOGY: Reply = { text: 'apology' };

/** The shared scripted engine, echoing by default, with this suite's apology. */
export function scriptedEngine(answer: (inbound: Inbound) => Reply[] | Promise<Reply[]> = echo): ScriptedEngine {
  return scriptedEngineWith(answer, APOLOGY);
}

function echo(inbound: Inbound): Reply[] {
  return [{ text: `got ${inbound.event.kind}` }];
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object | string;
  msg?: string;
}

export function memoryLogger() {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object | string, msg?: string) => {
    lines.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  };
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') }, text: () => JSON.stringify(lines) };
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface Harness {
  channel: TelegramChannel;
  engine: ScriptedEngine;
  store: Store;
  calls: ApiCall[];
  log: ReturnType<typeof memoryLogger>;
  /** Calls of one method, e.g. the texts of every sendMessage. */
  sent(method: string): Record<string, unknown>[];
}

/**
 * A channel on a fresh store (testStore.ts) whose API calls never leave the process.
 * `failing` makes calls of the named methods fail the way Telegram refuses them.
 */
export async function harness(
  engine: ScriptedEngine = scriptedEngine(),
  options: { failing?: string[]; webhookBodyLimit?: number; noSecret?: boolean } = {},
): Promise<Harness> {
  const store = await openTestStore();
  const log = memoryLogger();
  const channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: 'http://127.0.0.1:9',
    ...(options.noSecret ? {} : { webhookSecret: SECRET }),
    engine,
    turns: store.turns,
    logger: log.logger,
    botInfo: BOT_INFO,
    ...(options.webhookBodyLimit !== undefined ? { webhookBodyLimit: options.webhookBodyLimit } : {}),
  });
  const calls: ApiCall[] = [];
  let messageId = 100;
  channel.bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload });
    if (options.failing?.includes(method))
      return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as never;
    const result =
      method === 'answerCallbackQuery' || method === 'setWebhook'
        ? true
        : { message_id: ++messageId, date: 0, chat: { id: CHAT_ID, type: 'private', first_name: 'An' } };
    return { ok: true, result } as never;
  });
  return {
    channel,
    engine,
    store,
    calls,
    log,
    sent: (method) => calls.filter((c) => c.method === method).map((c) => c.payload),
  };
}

let nextUpdateId = 1000;
export const freshUpdateId = () => ++nextUpdateId;

const person = { id: CHAT_ID, is_bot: false, first_name: 'An', language_code: 'vi' };
const privateChat = { id: CHAT_ID, type: 'private' as const, first_name: 'An' };

export function textUpdate(text: string, updateId = freshUpdateId()): Update {
  return { update_id: updateId, message: { message_id: updateId, date: 1_700_000_000, chat: privateChat, from: person, text } };
}

export function callbackUpdate(data: string, updateId = freshUpdateId()): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `cb-${updateId}`,
      from: person,
      chat_instance: 'ci',
      data,
      message: { message_id: 7, date: 1_700_000_000, chat: privateChat, text: 'menu' },
    },
  };
}
