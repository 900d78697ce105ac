// The HTTP face of the bot: health and the channels' webhook routes. Built separately from
// listening so tests can use fastify's inject.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { Store } from '../store/index.js';
import { DebugRequestLog } from './requestLog.js';

export interface WebhookChannel {
  registerWebhook(app: FastifyInstance): void;
}

interface ChannelHealth {
  ok: boolean;
  detail?: string;
}

export interface AppOptions {
  store: Pick<Store, 'ping'>;
  version: string;
  channels?: WebhookChannel[];
  /** Each channel's own state (e.g. a Zalo token that needs re-consent); shown, never a 503. */
  channelHealth?: () => Promise<Record<string, ChannelHealth>> | Record<string, ChannelHealth>;
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /** Overload protection: past these, requests get 503 with Retry-After instead of piling up. */
  pressure?: { maxEventLoopDelayMs?: number; sampleIntervalMs?: number };
  /** An existing pino logger to share with the rest of the process. */
  loggerInstance?: FastifyBaseLogger;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Platforms retry; a slow request is better closed than left hanging.
    requestTimeout: 30_000,
    logController: new DebugRequestLog(),
  });

  void app.register(underPressure, {
    // A saturated event loop is a busy server, not an overloaded one: shed load only when
    // requests start to wait (measured, utilisation-based shedding cut throughput 4×).
    maxEventLoopDelay: options.pressure?.maxEventLoopDelayMs ?? 1000,
    ...(options.pressure?.sampleIntervalMs ? { sampleInterval: options.pressure.sampleIntervalMs } : {}),
    retryAfter: 10,
  });

  app.get('/healthz', async (_req, reply) => {
    const database = await options.store.ping();
    const channels = (await options.channelHealth?.()) ?? {};
    const degraded = Object.values(channels).some((c) => !c.ok);
    const status = !database ? 'unavailable' : degraded ? 'degraded' : 'ok';
    return reply.code(database ? 200 : 503).send({ status, database, version: options.version, channels });
  });

  for (const channel of options.channels ?? []) channel.registerWebhook(app);
  return app;
}
