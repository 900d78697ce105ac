// Entry point: the server under load in the ingest benchmark, in one of five shapes.
//   bare-json  — a bare fastify route that parses the same JSON body (the baseline)
//   bare-raw   — the same for Zalo's route: raw bytes, then JSON.parse (the baseline)
//   peer       — the usual minimal grammY bot on fastify: webhookCallback, no state, one
//                sendMessage per update to the same Bot API stub (the peer built the usual way)
//   telegram   — the real app: buildApp + createTelegramChannel + createRuntime on SQLite
//                (on PostgreSQL when BENCH_TARGET_DATABASE_URL names a schema, as DATABASE_URL)
//   zalo       — the real app with the Zalo OA channel (signature checked on every event)
// It counts the events the engine finished, so the parent can tell handled from answered.
import { BOT_INFO } from '../../test/telegram/harness.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Bot, webhookCallback } from 'grammy';
import type { BotEngine } from '../../src/bot/port.js';
import { loadConfig } from '../../src/config.js';
import { benchRuntime } from '../support/runtime.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { createZaloOaChannel, parseZaloConfig } from '../../src/channels/zalo/channel.js';
import { OaTokenRepository } from '../../src/channels/zalo/oa/tokenRepository.js';
import { onParentMessage, tellParentReady } from '../support/processes.js';
import { windowProfiler } from '../support/cpuProfile.js';
import { BENCH_TOKEN, BENCH_SECRET, ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET } from './payloads.js';

const [mode = 'bare-json', stubPort = '9'] = process.argv.slice(2);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
// 'off' measures capacity: the app's load shedding (under-pressure) would otherwise turn
// a closed-loop load generator's excess into refusals.
const pressure = process.env.BENCH_PRESSURE === 'off' ? { pressure: { maxEventLoopDelayMs: 0 } } : {};
const dir = mkdtempSync(join(tmpdir(), 'trolydvc-bench-'));
// However the process ends, also on a failed start (a schema dropped under it).
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const profiler = windowProfiler(process.env.BENCH_CPU_PROF);

let handled = 0;
let markedAt = performance.now();
let cpuAtMark = process.cpuUsage();
let drain: () => Promise<void> = async () => {};

function counting(engine: BotEngine): BotEngine {
  return {
    async handle(inbound, capabilities) {
      // A turn that finds its update already answered (a redelivery that reached another
      // replica first) is skipped, not handled: only a second answer counts twice.
      const answered = inbound.answered;
      let skipped = false;
      const seen = answered ? { ...inbound, answered: async () => (skipped = await answered()) } : inbound;
      const replies = await engine.handle(seen, capabilities);
      if (!skipped) handled++;
      return replies;
    },
    apology: (inbound) => engine.apology(inbound),
    drain: () => engine.drain(),
  };
}

function bareApp(raw: boolean): FastifyInstance {
  const app = Fastify({ logger: false });
  if (raw) {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
  const path = raw ? '/zalo/webhook' : '/telegram/webhook';
  app.post(path, async (request) => {
    const body = raw ? (JSON.parse((request.body as Buffer).toString('utf8')) as unknown) : request.body;
    if (body && typeof body === 'object') handled++;
    return { ok: true };
  });
  return app;
}

/** What most grammY tutorials build: every text answered with one sendMessage, nothing kept. */
function naivePeer(): FastifyInstance {
  const bot = new Bot(BENCH_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: `http://127.0.0.1:${stubPort}` } });
  bot.on('message', async (ctx) => {
    await ctx.reply(`Bạn vừa gửi: ${ctx.message.text ?? ''}`);
    handled++;
  });
  bot.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery();
    handled++;
  });
  const app = Fastify({ logger: false });
  app.post('/telegram/webhook', webhookCallback(bot, 'fastify', { secretToken: BENCH_SECRET }));
  return app;
}

async function realApp(channelName: 'telegram' | 'zalo'): Promise<FastifyInstance> {
  const logger = createLogger(logLevel);
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'bench.sqlite'),
    DATABASE_URL: process.env.BENCH_TARGET_DATABASE_URL,
    DEMO_DATA: 'false',
    LOG_LEVEL: logLevel,
    TELEGRAM_BOT_TOKEN: BENCH_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_ROOT: `http://127.0.0.1:${stubPort}`,
  });
  const { runtime } = await benchRuntime(config, { logger });
  const engine = counting(runtime.engine);
  if (channelName === 'telegram') {
    const telegram = createTelegramChannel({
      token: BENCH_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhookSecret: BENCH_SECRET,
      engine,
      turns: runtime.store.turns,
      logger,
      botInfo: BOT_INFO,
      webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
    });
    // Variant: Bot API calls answered in-process, to separate the HTTP client's cost from the rest.
    if (process.env.BENCH_API === 'inprocess')
      telegram.bot.api.config.use(async (_prev, method) => {
        const result =
          method === 'answerCallbackQuery'
            ? true
            : { message_id: 1, date: 1_700_000_000, chat: { id: 1, type: 'private', first_name: 'A' } };
        return { ok: true, result } as never;
      });
    drain = () => runtime.engine.drain();
    return buildApp({
      store: runtime.store,
      version: 'bench',
      channels: [telegram],
      bodyLimit: config.WEBHOOK_BODY_LIMIT,
      loggerInstance: logger,
      ...pressure,
    });
  }
  const zaloConfig = parseZaloConfig({
    ZALO_APP_ID,
    ZALO_APP_SECRET,
    ZALO_OA_SECRET_KEY: ZALO_OA_SECRET,
    ZALO_API_ROOT: `http://127.0.0.1:${stubPort}`,
    ZALO_OAUTH_ROOT: `http://127.0.0.1:${stubPort}`,
  }).oa!;
  await new OaTokenRepository(runtime.store).save(
    ZALO_APP_ID,
    { accessToken: 'AT-bench', refreshToken: 'RT-bench', expiresAt: new Date(Date.now() + 86_400_000) },
    new Date(),
  );
  const zalo = await createZaloOaChannel({
    config: zaloConfig,
    engine,
    store: runtime.store,
    texts: runtime.texts,
    reachability: runtime.store.outbox,
    logger,
    defaultLocale: config.DEFAULT_LOCALE,
    webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
    tokenCheckEveryMs: 0,
  });
  drain = () => zalo.drain();
  return buildApp({
    store: runtime.store,
    version: 'bench',
    channels: [zalo],
    bodyLimit: config.WEBHOOK_BODY_LIMIT,
    loggerInstance: logger,
    ...pressure,
  });
}

const app =
  mode === 'telegram' || mode === 'zalo' ? await realApp(mode) : mode === 'peer' ? naivePeer() : bareApp(mode === 'bare-raw');
await app.listen({ port: 0, host: '127.0.0.1' });

onParentMessage('mark', async () => {
  await profiler.start();
  handled = 0;
  markedAt = performance.now();
  cpuAtMark = process.cpuUsage();
  return {};
});
// Everything accepted is finished before the count is read (Zalo answers before handling).
onParentMessage('stats', async () => {
  const answeredAt = performance.now();
  await drain();
  const drainedAt = performance.now();
  const cpu = process.cpuUsage(cpuAtMark);
  const profile = await profiler.stop(`ingest-${process.env.BENCH_SCENARIO ?? mode}`);
  return {
    ...(profile ? { profile } : {}),
    handled,
    /** The server process's CPU time (user + system) over the window, in microseconds. */
    cpuMicros: cpu.user + cpu.system,
    elapsedMs: drainedAt - markedAt,
    drainMs: drainedAt - answeredAt,
    rss: process.memoryUsage().rss,
  };
});
// Stopped by the parent, or left behind by it (its death closes the IPC channel): the
// same way, once, so no server outlives a benchmark that was killed.
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  void app.close().finally(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('disconnect', stop);
tellParentReady((app.server.address() as { port: number }).port);
