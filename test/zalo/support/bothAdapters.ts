// Both Zalo adapters wired as the server wires them (buildApp), on the real engine and a
// fresh store (testStore.ts), talking to the fake Zalo; OA tokens seeded as after `zalo:tokens`.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/http/app.js';
import {
  createZaloBotChannel,
  createZaloOaChannel,
  parseZaloConfig,
  type ZaloChannel,
} from '../../../src/channels/zalo/channel.js';
import { OaTokenRepository } from '../../../src/channels/zalo/oa/tokenRepository.js';
import { APP_ID, APP_SECRET, BOT_TOKEN, OA_SECRET, startFakeZalo, type FakeZalo } from './fakeZalo.js';
import { memoryLogger } from './doubles.js';
import { realBot, type RealBot } from './realBot.js';

export const BOT_SECRET = 'bot_secret_0123456789';

export interface ZaloWorld {
  bot: RealBot;
  zalo: FakeZalo;
  app: FastifyInstance;
  oa: ZaloChannel;
  zaloBot: ZaloChannel;
  close(): Promise<void>;
}

export async function bothZaloAdapters(): Promise<ZaloWorld> {
  const bot = await realBot();
  const zalo = await startFakeZalo();
  const config = parseZaloConfig({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.url,
    ZALO_BOT_TOKEN: BOT_TOKEN,
    ZALO_BOT_SECRET: BOT_SECRET,
    ZALO_BOT_API_ROOT: zalo.url,
  });
  await new OaTokenRepository(bot.store).save(
    APP_ID,
    { ...zalo.current, expiresAt: new Date(Date.now() + 86_400_000) },
    new Date(),
  );
  const common = { engine: bot.engine, store: bot.store, texts: bot.texts, logger: memoryLogger().logger };
  const oa = await createZaloOaChannel({ ...common, config: config.oa!, reachability: bot.store.outbox, tokenCheckEveryMs: 0 });
  const zaloBot = createZaloBotChannel({ ...common, config: config.bot! });
  const app = buildApp({ store: bot.store, version: 'test', channels: [oa, zaloBot] });
  await app.ready();
  return {
    bot,
    zalo,
    app,
    oa,
    zaloBot,
    async close() {
      await oa.stop();
      await zaloBot.stop();
      await app.close();
      await zalo.close();
      await bot.store.close();
    },
  };
}
