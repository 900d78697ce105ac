// POST /zalo/bot/webhook. The Bot Platform signs nothing: it sends back the secret given
// to setWebhook in `X-Bot-Api-Secret-Token`, compared in constant time before the body is
// read. A verified update is answered at once and handled afterwards; one whose fields have
// the wrong types is answered 200 too (Zalo would resend it), warned once, not handled.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZaloLogger } from '../logger.js';
import { readBotUpdate, type BotUpdate } from './events.js';
import { webhookErrorHandler } from '../../../http/webhookErrors.js';
import { badFields } from '../../../http/badFields.js';

export const ZALO_BOT_WEBHOOK_PATH = '/zalo/bot/webhook';
export const BOT_SECRET_HEADER = 'x-bot-api-secret-token';

export interface BotWebhookOptions {
  path?: string;
  secret: string;
  bodyLimit?: number;
  logger: ZaloLogger;
  /** Records the update (a redelivery is skipped) and queues its work; must not wait for the work. */
  accept(update: BotUpdate): Promise<void>;
}

export function registerBotWebhook(app: FastifyInstance, opts: BotWebhookOptions): void {
  const expected = digest(opts.secret);
  app.post(opts.path ?? ZALO_BOT_WEBHOOK_PATH, {
    ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}),
    onRequest: async (request, reply) => {
      const given = request.headers[BOT_SECRET_HEADER];
      if (typeof given !== 'string' || given === '' || !timingSafeEqual(digest(given), expected)) {
        opts.logger.warn({ ip: request.ip }, 'zalo bot webhook refused: missing or wrong secret token');
        return reply.code(401).send({ ok: false });
      }
    },
    errorHandler: webhookErrorHandler(opts.logger, 'zalo bot webhook'),
    handler: async (request, reply) => {
      const read = readBotUpdate(request.body);
      if (!read) {
        opts.logger.warn({}, 'zalo bot webhook body is not an update');
        return reply.code(400).send({ ok: false });
      }
      if (!read.ok) {
        opts.logger.warn({ fields: badFields(read.error) }, 'zalo bot update with wrongly typed fields ignored');
        return reply.code(200).send({ ok: true });
      }
      await opts.accept(read.update);
      return reply.code(200).send({ ok: true });
    },
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
