// The grammY middleware every update passes through, whether it came by webhook or by
// polling: a failure answers the person with an apology instead of silence, a redelivered
// update is dropped, a tapped button stops spinning at once, and the rest goes to the engine.
import type { Context, MiddlewareFn } from 'grammy';
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities } from '../../bot/types.js';
import type { ProcessedUpdateRepository } from '../../store/repositories.js';
import type { ChannelLogger } from './logger.js';
import { toInbound } from './inbound.js';
import { safeError } from './safeError.js';
import { chatIdOf, sendReplies } from './send.js';
import type { RenderProblem } from './render.js';

export interface MiddlewareDeps {
  engine: BotEngine;
  capabilities: ChannelCapabilities;
  processedUpdates: ProcessedUpdateRepository;
  logger: ChannelLogger;
  /** Values that must never reach the logs (the token, the webhook secret). */
  secrets: readonly string[];
  onRenderProblem(problem: RenderProblem): void;
}

export function apologiseOnFailure(deps: MiddlewareDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const updateId = ctx.update.update_id;
      deps.logger.error({ updateId, err: safeError(error, deps.secrets) }, 'telegram update failed');
      const inbound = toInbound(ctx.update);
      if (!inbound) return;
      try {
        await sendReplies(ctx.api, chatIdOf(inbound.externalId), [deps.engine.apology(inbound)]);
      } catch (sendError) {
        deps.logger.error({ updateId, err: safeError(sendError, deps.secrets) }, 'telegram apology not delivered');
      }
    }
  };
}

/** Telegram resends an update it thinks was lost; the store remembers which ones were handled. */
export function skipRedeliveries(deps: MiddlewareDeps): MiddlewareFn<Context> {
  // Marked before handling: a crash half-way loses that one message rather than answering it twice.
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!deps.processedUpdates.markProcessed('telegram', String(updateId))) {
      deps.logger.info({ updateId }, 'telegram update redelivered, skipped');
      return;
    }
    await next();
  };
}

/** Answered before handling, so the button stops spinning even if handling fails or the button is stale. */
export function answerTappedButtons(deps: MiddlewareDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery().catch((error: unknown) => {
        deps.logger.warn({ updateId: ctx.update.update_id, err: safeError(error, deps.secrets) }, 'telegram callback answer failed');
      });
    }
    await next();
  };
}

export function handOverToEngine(deps: MiddlewareDeps): MiddlewareFn<Context> {
  return async (ctx) => {
    const inbound = toInbound(ctx.update);
    if (!inbound) return;
    const replies = await deps.engine.handle(inbound, deps.capabilities);
    await sendReplies(ctx.api, chatIdOf(inbound.externalId), replies, deps.onRenderProblem);
  };
}
