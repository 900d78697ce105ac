// What a webhook route answers when its body never becomes an event (bad JSON, too large,
// wrong type) or the server sheds load: the framework's own 4xx/503 is kept, so a
// platform sees "slow down" (with Retry-After) rather than a server fault.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface WebhookErrorLogger {
  warn(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export function webhookErrorHandler(logger: WebhookErrorLogger, label: string) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const chosen = error.statusCode;
    const status = chosen !== undefined && chosen >= 400 && chosen < 600 ? chosen : 500;
    // Under overload every refusal would otherwise add a log line to the load.
    if (status === 503) logger.debug?.({ code: error.code }, `${label}: refused under load`);
    else logger.warn({ code: error.code, status }, `${label} body refused`);
    return reply.code(status).send({ ok: false });
  };
}
