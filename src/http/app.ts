// The HTTP face of the bot: health and the channels' webhook routes. Built separately from
// listening so tests can use fastify's inject.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Store } from '../store/index.js';

export interface WebhookChannel {
  registerWebhook(app: FastifyInstance): void;
}

export interface AppOptions {
  store: Pick<Store, 'ping'>;
  version: string;
  channels?: WebhookChannel[];
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /** An existing pino logger to share with the rest of the process. */
  loggerInstance?: FastifyBaseLogger;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Platforms retry; a slow request is better closed than left hanging.
    requestTimeout: 30_000,
  });

  app.get('/healthz', async (_req, reply) => {
    const database = options.store.ping();
    return reply.code(database ? 200 : 503).send({ status: database ? 'ok' : 'unavailable', database, version: options.version });
  });

  for (const channel of options.channels ?? []) channel.registerWebhook(app);
  return app;
}
