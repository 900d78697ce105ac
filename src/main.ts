// The composition root: config → store → domain → engine → channels → http → jobs.
import { ConfigError, loadConfig } from './config.js';
import { createRuntime, describeFlowProblems } from './runtime.js';
import { buildApp, type WebhookChannel } from './http/app.js';
import { createLogger } from './http/logger.js';
import { VERSION } from './version.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/channel.js';
import { telegramOutbound } from './channels/telegram/outbound.js';
import { createZaloBotChannel, createZaloOaChannel, parseZaloConfig, type ZaloChannel } from './channels/zalo/channel.js';
import { zaloOutbound } from './channels/zalo/outbound.js';
import { OutboxWorker } from './jobs/outboxWorker.js';
import type { OutboundChannel } from './jobs/outbound.js';
import { systemClock } from './jobs/clock.js';
import { DEFAULT_RETENTION, scheduleRetention } from './jobs/retention.js';
import { demoInviteLines, seedDemo } from './demo.js';
import { startReminderScheduler } from './campaign/reminders/scheduler.js';
import { startHandoffJobs } from './community/jobs.js';
import { registerDashboard } from './web/dashboard.js';
import { parseWebSettings } from './web/settings.js';

function exitWith(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  let config;
  let zaloConfig;
  let webSettings;
  try {
    config = loadConfig();
    zaloConfig = parseZaloConfig(config.env);
    webSettings = parseWebSettings(config);
  } catch (err) {
    if (err instanceof ConfigError) exitWith(err.message);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let runtime;
  try {
    runtime = await createRuntime(config, { logger });
  } catch (err) {
    const problems = describeFlowProblems(err);
    if (problems) exitWith(problems);
    throw err;
  }
  const demoInvites = config.DEMO_DATA ? await seedDemo(runtime, logger) : [];
  // Whatever a dead process left "sending" was never confirmed: back to the queue before any
  // update arrives, so the replies channels are about to deliver themselves are not touched.
  await runtime.store.outbox.recoverInFlight();

  const outbound: OutboundChannel[] = [];
  const webhookChannels: WebhookChannel[] = [];

  let telegram: TelegramChannel | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    telegram = createTelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      engine: runtime.engine,
      turns: runtime.store.turns,
      logger,
      webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
    });
    outbound.push(telegramOutbound(telegram));
    if (config.TELEGRAM_MODE === 'webhook') webhookChannels.push(telegram);
  }

  const zaloCommon = {
    engine: runtime.engine,
    store: runtime.store,
    texts: runtime.texts,
    logger,
    defaultLocale: config.DEFAULT_LOCALE,
    webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
  };
  const zaloChannels: Partial<Record<'zalo' | 'zalo_bot', ZaloChannel>> = {};
  if (zaloConfig.oa)
    zaloChannels.zalo = await createZaloOaChannel({ ...zaloCommon, config: zaloConfig.oa, reachability: runtime.store.outbox });
  if (zaloConfig.bot) zaloChannels.zalo_bot = createZaloBotChannel({ ...zaloCommon, config: zaloConfig.bot });
  for (const [name, channel] of Object.entries(zaloChannels) as ['zalo' | 'zalo_bot', ZaloChannel][]) {
    webhookChannels.push(channel);
    outbound.push(zaloOutbound(channel, name));
  }

  const app = buildApp({
    store: runtime.store,
    version: VERSION,
    channels: webhookChannels,
    bodyLimit: config.WEBHOOK_BODY_LIMIT,
    loggerInstance: logger,
    channelHealth: async () =>
      Object.fromEntries(
        await Promise.all(Object.entries(zaloChannels).map(async ([name, c]) => [name, await c.health()] as const)),
      ),
  });
  await registerDashboard(app, {
    store: runtime.store,
    texts: runtime.texts,
    now: runtime.now,
    defaultLocale: config.DEFAULT_LOCALE,
    settings: webSettings,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  if (telegram && config.TELEGRAM_MODE === 'webhook') {
    if (config.PUBLIC_URL) await telegram.setWebhook(config.PUBLIC_URL);
    else logger.warn('PUBLIC_URL is not set: register the webhook yourself, or use TELEGRAM_MODE=polling');
  }
  if (telegram && config.TELEGRAM_MODE === 'polling') {
    telegram.startPolling().catch((err: unknown) => logger.error({ err }, 'Telegram polling stopped'));
  }

  const outboxWorker = new OutboxWorker({
    outbox: runtime.store.outbox,
    channels: outbound,
    clock: systemClock,
    logger,
    recoverOnStart: false,
    lease: runtime.store.senderLease(),
  });
  runtime.store.outbox.onDueNow(() => outboxWorker.wake());
  outboxWorker.start();
  const reminders = startReminderScheduler({ store: runtime.store, texts: runtime.texts, clock: systemClock, logger });
  const handoffJobs = startHandoffJobs({ store: runtime.store, texts: runtime.texts, clock: systemClock, logger });
  const retention = scheduleRetention(
    runtime.store,
    { ...DEFAULT_RETENTION, conversationDays: config.CONVERSATION_RETENTION_DAYS },
    (purged) => logger.info(purged, 'retention: expired data purged'),
    (err) => logger.error({ err }, 'retention: purge failed, tried again tomorrow'),
  );

  logger.info(
    { port, telegram: telegram ? config.TELEGRAM_MODE : 'off', zalo: Object.keys(zaloChannels), demoData: config.DEMO_DATA },
    `Trợ lý DVC ${VERSION} is ready on port ${port}. Chat with it here: npm run chat`,
  );
  // A local trial's codes go to its own terminal, never into the log.
  for (const line of demoInviteLines(runtime, demoInvites, config.DEFAULT_LOCALE)) process.stdout.write(`${line}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing messages in progress');
    try {
      retention.stop();
      await telegram?.stop();
      await app.close();
      await Promise.all(Object.values(zaloChannels).map((c) => c.stop()));
      await runtime.engine.drain();
      await reminders.stop();
      await handoffJobs.stop();
      await outboxWorker.stop();
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
    } finally {
      await runtime.store.close();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? `Trợ lý DVC could not start: ${err.message}` : err);
  process.exit(1);
});
