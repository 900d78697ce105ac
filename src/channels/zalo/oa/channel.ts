// The Zalo Official Account channel: the signed webhook in, consultation messages out,
// the token pair kept fresh, and people Zalo will not let us reach marked for the outbox.
import type { ChannelCapabilities, Reply } from '../../../bot/types.js';
import type { ZaloOaConfig } from '../config.js';
import { ZaloConversations } from '../conversation.js';
import { ZaloUnreachableError } from '../errors.js';
import { planReplies, sendPlanned } from '../plan.js';
import type { ReachabilityMarks } from '../reachability.js';
import { safeError } from '../safeError.js';
import { ZALO_TEXT_LIMIT } from '../splitText.js';
import { typedAnswer } from '../typedAnswer.js';
import type { ZaloChannel, ZaloChannelBase } from '../types.js';
import type { Store } from '../../../store/index.js';
import { ZaloOaClient } from './client.js';
import { oaAction, type OaAction, type OaEventBody } from './events.js';
import { sendOaMessages } from './send.js';
import { OaTokenRepository } from './tokenRepository.js';
import { CONSENT_HINT, OaTokenKeeper } from './tokens.js';
import { registerOaWebhook } from './webhook.js';

export interface ZaloOaChannelOptions extends ZaloChannelBase {
  config: ZaloOaConfig;
  store: ZaloChannelBase['store'] & Pick<Store, 'zaloTokens' | 'exclusive'>;
  /** Where unreachable people are marked (the outbox). */
  reachability: ReachabilityMarks;
  /** How often the token is checked without traffic; 0 turns the timer off (tests). */
  tokenCheckEveryMs?: number;
}

const CHANNEL = 'zalo' as const;

/** The channel, once the stored tokens were looked at (a missing or refused pair is logged). */
export async function createZaloOaChannel(opts: ZaloOaChannelOptions): Promise<ZaloChannel> {
  const { config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const tokenRepository = new OaTokenRepository(opts.store, config.tokenKey ?? null);
  const tokens = new OaTokenKeeper({
    repository: tokenRepository,
    exclusive: opts.store.exclusive,
    appId: config.appId,
    appSecret: config.appSecret,
    oauthRoot: config.oauthRoot,
    refreshMarginMs: config.refreshMarginMs,
    logger,
    now,
  });
  const client = new ZaloOaClient({
    apiRoot: config.apiRoot,
    tokens,
    ...(opts.rateLimitDelaysMs ? { rateLimitDelaysMs: opts.rateLimitDelaysMs } : {}),
  });
  const menus = opts.store.zaloChoiceMenus;
  let buttons = config.choiceStyle === 'list';
  const capabilities: ChannelCapabilities = { buttons, images: true, documents: true, maxTextLength: ZALO_TEXT_LIMIT };
  // The tokens this process read or got: they are the ones its errors could carry.
  const secrets = () => [config.appSecret, config.oaSecretKey, ...tokens.knownTokens()];
  const translatorFor = async (userId: string) =>
    opts.texts.for(
      (await opts.store.persons.find({ channel: CHANNEL, externalId: userId }))?.locale ?? opts.defaultLocale ?? 'vi',
    );

  async function deliver(userId: string, replies: Reply[], onReplySent?: (index: number) => Promise<void>): Promise<void> {
    const tr = await translatorFor(userId);
    const plan = planReplies(replies, tr, { buttons, images: true, documents: true });
    await menus.remember(CHANNEL, userId, plan.menu, now());
    const context = {
      client,
      tr,
      onButtonsRefused: () => {
        if (buttons) logger.warn({}, 'zalo oa refused the list template: choices are numbered text from now on');
        buttons = false;
      },
      onMediaRefused: (kind: 'image' | 'file', error: { code: number }) =>
        logger.warn({ kind, code: error.code }, 'zalo oa refused an upload: sent as text'),
    };
    try {
      await sendPlanned(plan, (message) => sendOaMessages(context, userId, [message]), onReplySent);
    } catch (error) {
      if (error instanceof ZaloUnreachableError) {
        await opts.reachability.setUnreachable(CHANNEL, userId, error.reason, now());
        logger.warn({ userId, code: error.code, reason: error.reason }, 'zalo oa cannot reach this person now');
      }
      throw error;
    }
  }

  const conversations = new ZaloConversations({
    channel: CHANNEL,
    engine: opts.engine,
    capabilities,
    menus,
    logger,
    secrets,
    deliver,
    turns: opts.store.turns,
  });

  async function accept(body: OaEventBody): Promise<void> {
    const action = oaAction(body);
    if (!action) return;
    if (!(await opts.store.processedUpdates.markProcessed(CHANNEL, action.dedupeKey))) {
      logger.info({ event: body.event_name }, 'zalo event redelivered, skipped');
      return;
    }
    await dispatch(action);
  }

  async function dispatch({ userId, incoming }: OaAction): Promise<void> {
    if (incoming.kind === 'unfollow') {
      void conversations
        .inOrder(userId, () => opts.reachability.setUnreachable(CHANNEL, userId, 'unfollowed', now()))
        .catch((error: unknown) => logger.warn({ err: safeError(error, secrets()) }, 'zalo oa unfollow not recorded'));
      return;
    }
    // Any message from the person opens Zalo's interaction window again.
    await opts.reachability.setReachable(CHANNEL, userId);
    switch (incoming.kind) {
      case 'follow':
        return conversations.turn(userId, () => ({ kind: 'start' }));
      case 'media':
        return conversations.turn(userId, () => ({ kind: 'media', mediaKind: incoming.mediaKind }));
      case 'text':
        return conversations.turn(userId, (menu) => typedAnswer(incoming.text, menu));
    }
  }

  const timer =
    opts.tokenCheckEveryMs === 0
      ? undefined
      : setInterval(
          () => {
            tokens
              .accessToken()
              .catch((error: unknown) => logger.warn({ err: safeError(error, secrets()) }, 'zalo oa token check failed'));
          },
          opts.tokenCheckEveryMs ?? 10 * 60_000,
        );
  timer?.unref();
  const startHealth = await tokens.health();
  if (!startHealth.ok) logger.warn({ detail: startHealth.detail }, `zalo oa cannot send yet: ${CONSENT_HINT}`);

  return {
    capabilities,
    registerWebhook(app) {
      registerOaWebhook(app, {
        appId: config.appId,
        oaSecretKey: config.oaSecretKey,
        maxAgeMs: config.webhookMaxAgeMs,
        now,
        logger,
        accept,
        ...(opts.webhookBodyLimit !== undefined ? { bodyLimit: opts.webhookBodyLimit } : {}),
      });
    },
    send: (userId, replies) => conversations.inOrder(userId, () => deliver(userId, replies)),
    health: () => tokens.health(),
    drain: () => conversations.drain(),
    async stop() {
      if (timer) clearInterval(timer);
      await conversations.drain();
    },
  };
}
