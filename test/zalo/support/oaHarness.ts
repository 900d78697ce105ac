// An OA channel wired as the server wires it (buildApp), on a fresh store (testStore.ts),
// talking to the fake Zalo; tokens seeded as if the administrator had run `zalo:tokens`.
import type { FastifyInstance } from 'fastify';
import type { BotEngine } from '../../../src/bot/port.js';
import { buildApp } from '../../../src/http/app.js';
import { Texts } from '../../../src/i18n/index.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../../support/testStore.js';
import { createZaloOaChannel, parseZaloConfig, type ZaloChannel } from '../../../src/channels/zalo/channel.js';
import { OaTokenRepository } from '../../../src/channels/zalo/oa/tokenRepository.js';
import { APP_ID, APP_SECRET, OA_SECRET, startFakeZalo, type FakeZalo } from './fakeZalo.js';
import { memoryLogger, scriptedEngine } from './doubles.js';

export interface OaHarness {
  app: FastifyInstance;
  channel: ZaloChannel;
  store: Store;
  zalo: FakeZalo;
  log: ReturnType<typeof memoryLogger>;
  tokens: OaTokenRepository;
  /** Posts raw bytes to the webhook, then waits until the bot has answered. */
  post(raw: string, headers: Record<string, string>): Promise<{ statusCode: number }>;
  close(): Promise<void>;
}

export interface OaHarnessOptions {
  engine?: BotEngine;
  store?: Store;
  texts?: Texts;
  env?: Record<string, string>;
  /** Seconds the seeded access token has left (default a day). */
  expiresInSeconds?: number;
  seedTokens?: boolean;
  extraChannels?: { registerWebhook(app: FastifyInstance): void }[];
  /** Another harness's fake Zalo (two replicas of one OA); closed by its owner. */
  zalo?: FakeZalo;
}

export async function oaHarness(options: OaHarnessOptions = {}): Promise<OaHarness> {
  const zalo = options.zalo ?? (await startFakeZalo());
  const store = options.store ?? (await openTestStore());
  const log = memoryLogger();
  const config = parseZaloConfig({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.url,
    ...options.env,
  }).oa!;
  const tokens = new OaTokenRepository(store);
  if (options.seedTokens !== false)
    await tokens.save(
      APP_ID,
      { ...zalo.current, expiresAt: new Date(Date.now() + (options.expiresInSeconds ?? 86_400) * 1000) },
      new Date(),
    );
  const channel = await createZaloOaChannel({
    config,
    engine: options.engine ?? scriptedEngine(),
    store,
    texts: options.texts ?? Texts.load('vi'),
    reachability: store.outbox,
    logger: log.logger,
    rateLimitDelaysMs: [5, 5],
    tokenCheckEveryMs: 0,
  });
  const app = buildApp({ store, version: 'test', channels: [channel, ...(options.extraChannels ?? [])] });
  await app.ready();
  return {
    app,
    channel,
    store,
    zalo,
    log,
    tokens,
    async post(raw, headers) {
      const response = await app.inject({ method: 'POST', url: '/zalo/webhook', headers, payload: raw });
      await channel.drain();
      return { statusCode: response.statusCode };
    },
    async close() {
      await channel.stop();
      await app.close();
      if (!options.zalo) await zalo.close();
      await store.close();
    },
  };
}
