// The Telegram channel: one grammY bot whose updates, by webhook or by polling, run through
// the same middleware into the engine, and whose replies wait out Telegram's 429s.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import type { FastifyInstance } from 'fastify';
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities, Reply } from '../../bot/types.js';
import type { ChannelLogger } from './logger.js';
import { telegramFileDownload } from './fileDownload.js';
import {
  answerTappedButtons,
  apologiseOnFailure,
  handOverToEngine,
  type MiddlewareDeps,
  skipMalformed,
  skipRedeliveries,
} from './middleware.js';
import { chatIdOf, sendReplies } from './send.js';
import { safeError } from './safeError.js';
import { TELEGRAM_TEXT_LIMIT } from './splitText.js';
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from './webhook.js';

export type { ChannelLogger } from './logger.js';

export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  webhookSecret?: string;
  engine: BotEngine;
  /** Marks updates answered together with their replies (see TurnLedger). */
  turns: MiddlewareDeps['turns'];
  logger: ChannelLogger;
  /** Known bot identity: spares the getMe call at start (and in tests). */
  botInfo?: UserFromGetMe;
  /** Largest webhook body accepted, in bytes (else the fastify app's limit). */
  webhookBodyLimit?: number;
}

export interface TelegramChannel {
  bot: Bot;
  capabilities: ChannelCapabilities;
  registerWebhook(app: FastifyInstance, path?: string): void;
  /** Resolves once polling has begun; stop() ends it. */
  startPolling(): Promise<void>;
  setWebhook(publicUrl: string): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends replies to a chat on the bot's own initiative (reminders); rejects if Telegram
   * refuses, a 429 included: the outbox worker, which paces these sends, waits it out.
   */
  send(externalId: string, replies: Reply[]): Promise<void>;
}

/** Only what the engine answers is needed; other update kinds are never fetched. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * Telegram gives up on a webhook call after about a minute and resends it; the answer is
 * sent after this long even if handling goes on (the redelivery would be skipped anyway).
 */
const WEBHOOK_ANSWER_WITHIN_MS = 25_000;

export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  buttons: true,
  images: true,
  documents: true,
  maxTextLength: TELEGRAM_TEXT_LIMIT,
};

export function createTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const bot = new Bot(opts.token, {
    client: { apiRoot: opts.apiRoot },
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  // A reply to a person's message waits out "429 Too Many Requests" (retry_after) and brief
  // outages instead of being dropped. What the bot sends on its own (send) is not retried
  // here: the outbox worker must see the 429 to pause the whole channel, and it tries again
  // itself, on its pacer's clock.
  const ownInitiative = new AsyncLocalStorage<true>();
  const retry = autoRetry({ maxRetryAttempts: 5 });
  bot.api.config.use((prev, method, payload, signal) =>
    ownInitiative.getStore() ? prev(method, payload, signal) : retry(prev, method, payload, signal),
  );

  const secrets = [opts.token, opts.webhookSecret ?? ''].filter((s) => s !== '');
  const deps: MiddlewareDeps = {
    engine: opts.engine,
    capabilities: TELEGRAM_CAPABILITIES,
    turns: opts.turns,
    logger: opts.logger,
    secrets,
    onRenderProblem: (problem) =>
      opts.logger.warn({ choiceId: problem.oversizedChoiceId }, 'telegram button left out: choice id too long'),
    // A file a person sends reaches the engine as a reference it may download, from the same API root.
    downloadFile: telegramFileDownload(bot.api, opts.token, opts.apiRoot),
  };
  bot.use(
    apologiseOnFailure(deps),
    skipMalformed(deps),
    skipRedeliveries(deps),
    answerTappedButtons(deps),
    handOverToEngine(deps),
  );
  // Last resort: the middleware above already catches everything it can.
  bot.catch((error) => opts.logger.error({ err: safeError(error.error, secrets) }, 'telegram update failed'));

  let initialising: Promise<void> | undefined;
  const ensureInit = () => {
    if (bot.isInited()) return Promise.resolve();
    initialising ??= bot.init().finally(() => (initialising = undefined));
    return initialising;
  };

  const inFlight = new Set<Promise<void>>();
  let webhookPath = TELEGRAM_WEBHOOK_PATH;
  let polling: Promise<void> | undefined;

  async function handleWebhookUpdate(update: Parameters<Bot['handleUpdate']>[0]): Promise<void> {
    await ensureInit();
    const work = bot
      .handleUpdate(update)
      .catch((error: unknown) => opts.logger.error({ err: safeError(error, secrets) }, 'telegram update failed'));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    let timer: NodeJS.Timeout | undefined;
    const answerAnyway = new Promise<void>((resolve) => (timer = setTimeout(resolve, WEBHOOK_ANSWER_WITHIN_MS)));
    await Promise.race([work, answerAnyway]);
    clearTimeout(timer);
  }

  return {
    bot,
    capabilities: TELEGRAM_CAPABILITIES,

    registerWebhook(app, path = TELEGRAM_WEBHOOK_PATH) {
      webhookPath = path;
      if (!opts.webhookSecret) opts.logger.warn({ path }, 'telegram webhook has no secret token: every request will be refused');
      registerTelegramWebhook(app, {
        path,
        secret: opts.webhookSecret,
        ...(opts.webhookBodyLimit !== undefined ? { bodyLimit: opts.webhookBodyLimit } : {}),
        logger: opts.logger,
        handleUpdate: handleWebhookUpdate,
      });
    },

    async startPolling() {
      await new Promise<void>((resolve, reject) => {
        polling = bot.start({ allowed_updates: ALLOWED_UPDATES, onStart: () => resolve() }).catch((error: unknown) => {
          const err = safeError(error, secrets);
          opts.logger.error({ err }, 'telegram polling stopped by an error');
          // The original error may quote the request URL, token included: hand on a clean one.
          reject(new Error(`telegram polling stopped: ${err.message}`));
        });
      });
      opts.logger.info({ mode: 'polling' }, 'telegram channel started');
    },

    async setWebhook(publicUrl) {
      if (!opts.webhookSecret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required to register a webhook');
      await ensureInit();
      const url = `${publicUrl.replace(/\/+$/, '')}${webhookPath}`;
      await bot.api.setWebhook(url, { secret_token: opts.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
      opts.logger.info({ mode: 'webhook', url }, 'telegram webhook registered');
    },

    async stop() {
      if (bot.isRunning()) await bot.stop();
      await polling?.catch(() => undefined);
      await Promise.allSettled([...inFlight]);
    },

    async send(externalId, replies) {
      await ownInitiative.run(true, () => sendReplies(bot.api, chatIdOf(externalId), replies, deps.onRenderProblem));
    },
  };
}
