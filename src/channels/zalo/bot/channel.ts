// The Zalo Bot Platform channel: a Telegram-like bot with no buttons, so every choice is
// a numbered line, and no way to upload a picture (photos go by public URL only), so the
// engine is told it cannot show images or files.
import type { ChannelCapabilities, Reply } from '../../../bot/types.js';
import type { ZaloBotConfig } from '../config.js';
import { ZaloConversations } from '../conversation.js';
import { planReplies, sendPlanned } from '../plan.js';
import { ZALO_TEXT_LIMIT } from '../splitText.js';
import { typedAnswer } from '../typedAnswer.js';
import type { ZaloChannel, ZaloChannelBase } from '../types.js';
import { ZaloBotClient } from './client.js';
import { botAction, type BotUpdate } from './events.js';
import { registerBotWebhook } from './webhook.js';

export interface ZaloBotChannelOptions extends ZaloChannelBase {
  config: ZaloBotConfig;
}

const CHANNEL = 'zalo_bot' as const;

export const ZALO_BOT_CAPABILITIES: ChannelCapabilities = {
  buttons: false,
  images: false,
  documents: false,
  maxTextLength: ZALO_TEXT_LIMIT,
};

export function createZaloBotChannel(opts: ZaloBotChannelOptions): ZaloChannel {
  const { config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const client = new ZaloBotClient({
    apiRoot: config.apiRoot,
    token: config.token,
    ...(opts.rateLimitDelaysMs ? { rateLimitDelaysMs: opts.rateLimitDelaysMs } : {}),
  });
  const menus = opts.store.zaloChoiceMenus;
  const secrets = () => [config.token, config.secret];
  const translatorFor = async (chatId: string) =>
    opts.texts.for(
      (await opts.store.persons.find({ channel: CHANNEL, externalId: chatId }))?.locale ?? opts.defaultLocale ?? 'vi',
    );

  async function deliver(chatId: string, replies: Reply[], onReplySent?: (index: number) => Promise<void>): Promise<void> {
    const plan = planReplies(replies, await translatorFor(chatId), { buttons: false, images: false, documents: false });
    await menus.remember(CHANNEL, chatId, plan.menu, now());
    await sendPlanned(
      plan,
      async (message) => void (message.kind === 'text' && (await client.sendMessage(chatId, message.text))),
      onReplySent,
    );
  }

  const conversations = new ZaloConversations({
    channel: CHANNEL,
    engine: opts.engine,
    capabilities: ZALO_BOT_CAPABILITIES,
    menus,
    logger,
    secrets,
    deliver,
    turns: opts.store.turns,
  });

  async function accept(update: BotUpdate): Promise<void> {
    const action = botAction(update);
    if (!action) return;
    if (!(await opts.store.processedUpdates.markProcessed(CHANNEL, action.dedupeKey))) {
      logger.info({ event: update.event_name }, 'zalo bot update redelivered, skipped');
      return;
    }
    const { chatId, incoming } = action;
    if (incoming.kind === 'media') conversations.turn(chatId, () => ({ kind: 'media', mediaKind: incoming.mediaKind }));
    else conversations.turn(chatId, (menu) => typedAnswer(incoming.text, menu));
  }

  return {
    capabilities: ZALO_BOT_CAPABILITIES,
    registerWebhook(app) {
      registerBotWebhook(app, {
        secret: config.secret,
        logger,
        accept,
        ...(opts.webhookBodyLimit !== undefined ? { bodyLimit: opts.webhookBodyLimit } : {}),
      });
    },
    send: (chatId, replies) => conversations.inOrder(chatId, () => deliver(chatId, replies)),
    health: async () => (client.tokenAccepted ? { ok: true } : { ok: false, detail: 'zalo_bot_token_refused' }),
    drain: () => conversations.drain(),
    stop: () => conversations.drain(),
  };
}
