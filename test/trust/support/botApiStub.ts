// A stand-in for the Telegram Bot API on 127.0.0.1: it answers every method at once, as
// Telegram would accept it, and records each call with the chat it went to, in order.
import Fastify from 'fastify';

export interface StubCall {
  seq: number;
  method: string;
  chatId?: string;
  text?: string;
  /** Callback data of the inline keyboard sent with the message. */
  buttons: string[];
  callbackQueryId?: string;
}

export interface BotApiStub {
  url: string;
  calls: StubCall[];
  close(): Promise<void>;
}

function field(body: unknown, name: string): unknown {
  if (body && typeof body === 'object') return (body as Record<string, unknown>)[name];
  // multipart/form-data (photos, documents): the plain fields are enough here.
  const match = typeof body === 'string' ? new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(body) : null;
  return match?.[1];
}

function buttonsOf(markup: unknown): string[] {
  const parsed = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
  return rows.flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}

export interface BotApiStubOptions {
  /** How long a send* call waits before it is answered: a crash then can cut it mid-flight. */
  sendDelayMs?: number;
  /** Told of every call as it arrives (after it is recorded). */
  onCall?: (call: StubCall) => void;
}

export async function startBotApiStub(options: BotApiStubOptions = {}): Promise<BotApiStub> {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser(/^multipart\//, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const calls: StubCall[] = [];
  let messageId = 0;
  app.post('/bot:token/:method', async (request) => {
    const { method } = request.params as { method: string };
    const body = request.body;
    const chatId = field(body, 'chat_id');
    const text = field(body, 'text') ?? field(body, 'caption');
    const call: StubCall = {
      seq: calls.length,
      method,
      ...(chatId !== undefined ? { chatId: typeof chatId === 'string' ? chatId : JSON.stringify(chatId) } : {}),
      ...(typeof text === 'string' ? { text } : {}),
      buttons: buttonsOf(field(body, 'reply_markup')),
      ...(method === 'answerCallbackQuery' ? { callbackQueryId: String(field(body, 'callback_query_id')) } : {}),
    };
    calls.push(call);
    options.onCall?.(call);
    if (options.sendDelayMs && /^send/.test(method)) await new Promise((r) => setTimeout(r, options.sendDelayMs));
    if (method === 'getMe')
      return {
        ok: true,
        result: {
          id: 42,
          is_bot: true,
          first_name: 'Trợ lý DVC',
          username: 'trolydvc_test_bot',
          can_join_groups: false,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        },
      };
    if (/^send/.test(method))
      return {
        ok: true,
        result: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: 'private', first_name: 'A' },
          text: typeof text === 'string' ? text : '',
        },
      };
    return { ok: true, result: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, calls, close: () => app.close() };
}
