// The composition root: config → store → domain → engine → channels → http → jobs.
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { createRuntime, describeFlowProblems } from './runtime.js';
import { buildApp, type WebhookChannel } from './http/app.js';
import { REDACTED_PATHS } from './http/logger.js';
import { VERSION } from './version.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/channel.js';
import { seedDemo } from './demo.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });

  let runtime;
  try {
    runtime = createRuntime(config, { logger });
  } catch (err) {
    const problems = describeFlowProblems(err);
    if (problems) {
      console.error(problems);
      process.exit(2);
    }
    throw err;
  }
  if (config.DEMO_DATA) seedDemo(runtime, logger);

  let telegram: TelegramChannel | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    telegram = createTelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      engine: runtime.engine,
      processedUpdates: runtime.store.processedUpdates,
      logger,
    });
  }

  const webhookChannels: WebhookChannel[] = [];
  if (telegram && config.TELEGRAM_MODE === 'webhook') webhookChannels.push(telegram);
  const app = buildApp({
    store: runtime.store,
    version: VERSION,
    channels: webhookChannels,
    bodyLimit: config.WEBHOOK_BODY_LIMIT,
    loggerInstance: logger,
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
  logger.info(
    { port, telegram: telegram ? config.TELEGRAM_MODE : 'off', demoData: config.DEMO_DATA },
    `Trợ lý DVC ${VERSION} is ready on port ${port}. Chat with it here: npm run chat`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing messages in progress');
    try {
      await telegram?.stop();
      await app.close();
      await runtime.engine.drain();
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
    } finally {
      runtime.store.close();
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
