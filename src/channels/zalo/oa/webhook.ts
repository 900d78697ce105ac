// POST /zalo/webhook. The MAC covers the exact bytes Zalo sent, so this route lives in
// its own plugin scope whose only body parser keeps the raw buffer (other routes keep
// fastify's JSON parser). An unsigned, forged or foreign event is answered 401 and never
// read further; one too far from now is refused as a replay. A genuine event is answered
// at once (Zalo waits about 2 seconds) and handled afterwards; a genuine one whose fields
// have the wrong types is answered 200 too (Zalo would resend it), warned once, not handled.
import type { FastifyInstance } from 'fastify';
import type { ZaloLogger } from '../logger.js';
import { SIGNATURE_HEADER, signatureMatches, zaloEventMac } from '../signature.js';
import { OaEnvelope, OaEventBody } from './events.js';
import { webhookErrorHandler } from '../../../http/webhookErrors.js';
import { badFields } from '../../../http/badFields.js';

export const ZALO_OA_WEBHOOK_PATH = '/zalo/webhook';

export interface OaWebhookOptions {
  path?: string;
  appId: string;
  oaSecretKey: string;
  maxAgeMs: number;
  bodyLimit?: number;
  now: () => Date;
  logger: ZaloLogger;
  /**
   * Records the event (a redelivery is skipped) and queues its work; awaited before Zalo
   * gets its answer, so it must not wait for the work itself.
   */
  accept(event: OaEventBody): Promise<void>;
}

export function registerOaWebhook(app: FastifyInstance, opts: OaWebhookOptions): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(opts.path ?? ZALO_OA_WEBHOOK_PATH, {
      ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}),
      errorHandler: webhookErrorHandler(opts.logger, 'zalo webhook'),
      handler: async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const read = readBody(raw);
        const body = read?.envelope;
        if (!read || !body || body.app_id !== opts.appId) {
          opts.logger.warn({ ip: request.ip }, 'zalo webhook refused: not an event for this app');
          return reply.code(401).send({ ok: false });
        }
        const mac = zaloEventMac(opts.appId, raw, body.timestamp, opts.oaSecretKey);
        if (!signatureMatches(request.headers[SIGNATURE_HEADER], mac)) {
          opts.logger.warn({ ip: request.ip }, 'zalo webhook refused: missing or wrong signature');
          return reply.code(401).send({ ok: false });
        }
        const sentAt = Number(body.timestamp);
        if (!Number.isFinite(sentAt) || Math.abs(opts.now().getTime() - sentAt) > opts.maxAgeMs) {
          opts.logger.warn({ event: body.event_name, timestamp: body.timestamp }, 'zalo webhook refused: event too old (replay)');
          return reply.code(403).send({ ok: false });
        }
        const event = OaEventBody.safeParse(read.json);
        if (!event.success) {
          opts.logger.warn({ fields: badFields(event.error) }, 'zalo event with wrongly typed fields ignored');
          return reply.code(200).send({ ok: true });
        }
        await opts.accept(event.data);
        return reply.code(200).send({ ok: true });
      },
    });
  });
}

/** The body and the fields the MAC needs; undefined when the bytes are not JSON. */
function readBody(raw: Buffer): { json: unknown; envelope: OaEnvelope | undefined } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  return { json, envelope: OaEnvelope.safeParse(json).data };
}
