// The grammY middleware every update passes through, whether it came by webhook or by
// polling: a failure answers the person with an apology instead of silence, a redelivered
// update is dropped, a tapped button stops spinning at once, and the rest goes to the
// engine, whose replies are committed with the "answered" mark before any is sent.
import type { Context, MiddlewareFn } from 'grammy';
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities } from '../../bot/types.js';
import type { CommittedTurn } from '../../store/repositories.js';
import type { Store } from '../../store/index.js';
import { sendCommitted } from '../../bot/committedReplies.js';
import type { Reply } from '../../bot/types.js';
import type { ChannelLogger } from './logger.js';
import { toInbound } from './inbound.js';
import type { TelegramFileDownload } from './fileDownload.js';
import { safeError } from './safeError.js';
import { UpdateShape } from './updateShape.js';
import { badFields } from '../../http/badFields.js';
import { chatIdOf, sendReplies } from './send.js';
import type { RenderProblem } from './render.js';

export interface MiddlewareDeps {
  engine: BotEngine;
  capabilities: ChannelCapabilities;
  turns: Pick<Store['turns'], 'answered' | 'commit' | 'delivered' | 'handOver'>;
  logger: ChannelLogger;
  /** Values that must never reach the logs (the token, the webhook secret). */
  secrets: readonly string[];
  onRenderProblem: (problem: RenderProblem) => void;
  /** Lets a file a person sent reach the engine as a reference it may download. */
  downloadFile?: TelegramFileDownload;
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
        await sendReplies(ctx.api, chatIdOf(inbound.externalId), [await deps.engine.apology(inbound)]);
      } catch (sendError) {
        deps.logger.error({ updateId, err: safeError(sendError, deps.secrets) }, 'telegram apology not delivered');
      }
    }
  };
}

/**
 * Telegram resends an update it thinks was lost; the store remembers which ones were
 * answered, and an update still being handled here is not started a second time.
 */
export function skipRedeliveries(deps: MiddlewareDeps): MiddlewareFn<Context> {
  const inProgress = new Set<number>();
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const skip = () => deps.logger.info({ updateId }, 'telegram update redelivered, skipped');
    if (inProgress.has(updateId)) return skip();
    // Taken before the store is asked, so a copy arriving meanwhile is not started too.
    inProgress.add(updateId);
    try {
      if (await deps.turns.answered('telegram', String(updateId))) return skip();
      await next();
    } finally {
      inProgress.delete(updateId);
    }
  };
}

/** Polled updates skip the webhook's check: the same shape is required here. */
export function skipMalformed(deps: MiddlewareDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const shape = UpdateShape.safeParse(ctx.update);
    if (!shape.success) {
      deps.logger.warn(
        { updateId: ctx.update.update_id, fields: badFields(shape.error) },
        'telegram update with wrongly typed fields ignored',
      );
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
        deps.logger.warn(
          { updateId: ctx.update.update_id, err: safeError(error, deps.secrets) },
          'telegram callback answer failed',
        );
      });
    }
    await next();
  };
}

export function handOverToEngine(deps: MiddlewareDeps): MiddlewareFn<Context> {
  return async (ctx) => {
    const found = toInbound(ctx.update, deps.downloadFile);
    if (!found) return;
    const updateId = ctx.update.update_id;
    // Nothing is sent before the whole answer is on disk with the update marked answered; the
    // engine commits it before the chat's next turn may start (the apology commits here).
    let committed: CommittedTurn | undefined;
    let durable = false;
    const commit = async (answer: Reply[]) => {
      committed = await deps.turns.commit(
        { channel: 'telegram', updateId: String(updateId), externalId: found.externalId, replies: answer },
        new Date(),
      );
      durable = true;
    };
    const answered = () => deps.turns.answered('telegram', String(updateId));
    const inbound = { ...found, answeredDurably: true, commit, answered };
    let replies: Reply[];
    try {
      replies = await deps.engine.handle(inbound, deps.capabilities);
    } catch (error) {
      deps.logger.error({ updateId, err: safeError(error, deps.secrets) }, 'telegram update failed');
      replies = [await deps.engine.apology(inbound)];
    }
    if (!durable) await commit(replies);
    if (!committed || committed.queued) return;
    const { rowIds } = committed;
    const chatId = chatIdOf(inbound.externalId);
    const outcome = await sendCommitted(deps.turns, { rowIds, replies }, (reply) =>
      sendReplies(ctx.api, chatId, [reply], deps.onRenderProblem),
    );
    if (outcome.error)
      deps.logger.warn(
        { updateId, sent: outcome.sent, err: safeError(outcome.error, deps.secrets) },
        'telegram reply left to the outbox',
      );
  };
}
