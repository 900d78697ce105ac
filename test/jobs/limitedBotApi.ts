// A fake Telegram Bot API on 127.0.0.1 that holds the bot to Telegram's limits on the real
// clock, measured when each request arrives: a second message to one chat less than
// 1000 ms after the last one it accepted for that chat, or a 31st message inside any
// 1000 ms, is refused with 429 and retry_after, as Telegram does. Every answer comes after
// a random delay (0–150 ms by default), like a real network and a busy server. Used by the
// real-clock pacing test (test/jobs/realClockPacing.test.ts), the fan-out benchmark and the
// two-replica test (test/replicas), whose replicas each call it under a path of their own
// (`${apiRoot}/r1`), so that every message says which process sent it.
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { BOT_INFO } from '../telegram/harness.js';

export interface LimitedBotApiOptions {
  token: string;
  /** Messages accepted in any window of `windowMs` (Telegram: 30 a second). */
  perWindow?: number;
  windowMs?: number;
  /** Least time between two messages to one chat (Telegram: 1 s). */
  perChatMs?: number;
  /** Each answer waits a random time in [min, max] ms. */
  latencyMs?: { min: number; max: number };
  /** A seeded random source, so a run can be repeated. */
  random?: () => number;
  /**
   * Whether messages to this chat count toward (and are held to) the limit across chats;
   * default all. Every chat keeps its own limit either way.
   */
  countsTowardGlobal?: (chat: string) => boolean;
}

export interface AcceptedMessage {
  chat: string;
  method: string;
  /** Arrival time, ms (high resolution). */
  at: number;
  text: string;
  /** The path the caller put before /bot<token>, if any: which process sent it. */
  via?: string;
}

export interface Refusal {
  kind: 'global' | 'perChat';
  chat: string;
  at: number;
  /** For a per-chat refusal: how long after the chat's previous message it came. */
  gapMs?: number;
  via?: string;
}

export interface LimitedBotApi {
  apiRoot: string;
  accepted: AcceptedMessage[];
  refusals: Refusal[];
  close(): Promise<void>;
}

/** Wall-clock milliseconds with sub-millisecond steps that never go backwards (the clock of `at`). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A send call's fields: JSON, or the plain fields of a multipart body (a photo or a file). */
function fieldsOf(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  if (typeof body === 'string')
    for (const match of body.matchAll(/name="([^"]+)"\r\n\r\n([^\r]*)/g)) fields[match[1]!] = match[2];
  return fields;
}

function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * With a message at `at` (to go at index k), would some window of `windowMs` hold more
 * than `perWindow`? Returns the earliest accepted time of such a window.
 */
function windowStartingCrowded(
  times: readonly number[],
  k: number,
  at: number,
  perWindow: number,
  windowMs: number,
): number | undefined {
  const withNew = [...times.slice(Math.max(0, k - perWindow), k), at, ...times.slice(k, k + perWindow)];
  for (let i = 0; i + perWindow < withNew.length; i++) if (withNew[i + perWindow]! - withNew[i]! < windowMs) return withNew[i];
  return undefined;
}

export async function startLimitedBotApi(options: LimitedBotApiOptions): Promise<LimitedBotApi> {
  const perWindow = options.perWindow ?? 30;
  const windowMs = options.windowMs ?? 1000;
  const perChatMs = options.perChatMs ?? 1000;
  const latency = options.latencyMs ?? { min: 0, max: 150 };
  const random = options.random ?? Math.random;
  const countsTowardGlobal = options.countsTowardGlobal ?? (() => true);

  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser(/^multipart\//, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const accepted: AcceptedMessage[] = [];
  const refusals: Refusal[] = [];
  /** Arrival times of accepted messages, in order: overall and per chat. */
  const times: number[] = [];
  const perChat = new Map<string, number[]>();
  const arrivals = new WeakMap<object, number>();
  let messageId = 0;

  // The moment the request arrives, before its body is read.
  app.addHook('onRequest', async (request) => {
    arrivals.set(request.raw, nowMs());
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const at = arrivals.get(request.raw) ?? nowMs();
    const { token, method, via } = request.params as { token: string; method: string; via?: string };
    const from = via !== undefined ? { via } : {};
    const delay = latency.min + random() * (latency.max - latency.min);
    const answer = async (code: number, body: object) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return reply.code(code).send(body);
    };
    if (token !== options.token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (method === 'getMe') return answer(200, { ok: true, result: BOT_INFO });
    if (!/^send/.test(method)) return answer(200, { ok: true, result: true });

    const body = fieldsOf(request.body);
    const chat = String(body.chat_id);
    // Requests are judged by arrival time, even if their bodies are read out of order.
    const global = countsTowardGlobal(chat);
    const k = insertionPoint(times, at);
    const own = perChat.get(chat) ?? [];
    const j = insertionPoint(own, at);
    const before = own[j - 1];
    const after = own[j];
    let waitMs: number | undefined;
    const crowded = global ? windowStartingCrowded(times, k, at, perWindow, windowMs) : undefined;
    if (crowded !== undefined) {
      refusals.push({ kind: 'global', chat, at, ...from });
      waitMs = crowded + windowMs - at;
    } else if ((before !== undefined && at - before < perChatMs) || (after !== undefined && after - at < perChatMs)) {
      refusals.push({
        kind: 'perChat',
        chat,
        at,
        gapMs: before !== undefined && at - before < perChatMs ? at - before : after! - at,
        ...from,
      });
      waitMs = Math.max(1, (before ?? at) + perChatMs - at);
    }
    if (waitMs !== undefined) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      return answer(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    if (global) times.splice(k, 0, at);
    own.splice(j, 0, at);
    perChat.set(chat, own);
    accepted.push({ chat, method, at, text: (body.text ?? body.caption ?? '') as string, ...from });
    return answer(200, {
      ok: true,
      result: {
        message_id: ++messageId,
        date: Math.floor(at / 1000),
        chat: { id: Number(chat), type: 'private', first_name: 'A' },
        text: body.text,
      },
    });
  };
  app.post('/bot:token/:method', handler);
  app.post('/:via/bot:token/:method', handler);

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { apiRoot: address, accepted, refusals, close: () => app.close() };
}
