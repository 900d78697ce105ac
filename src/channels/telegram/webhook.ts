// The webhook route Telegram posts updates to. Only a request carrying the secret token
// given to setWebhook is read at all; a verified update is always answered 200, even when
// handling it failed (the person already got an apology) or its fields have the wrong
// types (warned once, not handled), or Telegram would resend it again and again.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Update } from 'grammy/types';
import type { ChannelLogger } from './logger.js';
import { webhookErrorHandler } from '../../http/webhookErrors.js';
import { badFields } from '../../http/badFields.js';
import { UpdateShape } from './updateShape.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Enough to trust the body is an update at all. */
const UpdateEnvelope = z.looseObject({ update_id: z.int().nonnegative() });

export interface WebhookOptions {
  path: string;
  /** Without one, nothing can be verified, so every request is refused. */
  secret: string | undefined;
  /** Largest body accepted, in bytes; the app's own limit when unset. */
  bodyLimit?: number;
  logger: ChannelLogger;
  /** Never rejects: failures are the update pipeline's to report. */
  handleUpdate(update: Update): Promise<void>;
}

export function registerTelegramWebhook(app: FastifyInstance, opts: WebhookOptions): void {
  const expected = opts.secret === undefined ? undefined : digest(opts.secret);

  app.post(opts.path, {
    ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}),
    // Checked before the body is even parsed, so a stranger's request costs nothing.
    onRequest: async (request, reply) => {
      if (!expected || !secretMatches(request.headers[SECRET_HEADER], expected)) {
        opts.logger.warn({ ip: request.ip }, 'telegram webhook refused: missing or wrong secret token');
        return reply.code(401).send({ ok: false });
      }
    },
    // Bodies that never become an update (bad JSON, too large, not JSON) answer here.
    errorHandler: webhookErrorHandler(opts.logger, 'telegram webhook'),
    handler: async (request, reply) => {
      const envelope = UpdateEnvelope.safeParse(request.body);
      if (!envelope.success) {
        opts.logger.warn({}, 'telegram webhook body is not an update');
        return reply.code(400).send({ ok: false });
      }
      const update = UpdateShape.safeParse(request.body);
      if (!update.success) {
        opts.logger.warn(
          { updateId: envelope.data.update_id, fields: badFields(update.error) },
          'telegram update with wrongly typed fields ignored',
        );
        return reply.code(200).send({ ok: true });
      }
      await opts.handleUpdate(update.data as unknown as Update);
      return reply.code(200).send({ ok: true });
    },
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time: comparing equal-length digests leaks neither the secret nor its length. */
function secretMatches(header: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof header !== 'string' || header === '') return false;
  return timingSafeEqual(digest(header), expected);
}
