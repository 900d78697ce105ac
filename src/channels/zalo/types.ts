// What the composition root and the outbox see of either Zalo adapter.
import type { FastifyInstance } from 'fastify';
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities, Reply } from '../../bot/types.js';
import type { Texts } from '../../i18n/index.js';
import type { Locale } from '../../i18n/format.js';
import type { Store } from '../../store/index.js';
import type { ZaloLogger } from './logger.js';

export interface ChannelHealth {
  ok: boolean;
  /** A short code for operators, e.g. `zalo_oa_consent_needed`. */
  detail?: string;
}

export interface ZaloChannel {
  capabilities: ChannelCapabilities;
  registerWebhook(app: FastifyInstance): void;
  /**
   * Sends replies on the bot's own initiative (reminders). Rejects with a
   * ZaloUnreachableError (`unreachable: true`) when Zalo will not deliver to this person.
   */
  send(externalId: string, replies: Reply[]): Promise<void>;
  health(): Promise<ChannelHealth>;
  /** Waits for every accepted event to be answered. */
  drain(): Promise<void>;
  /** Stops timers and waits for the work in progress. */
  stop(): Promise<void>;
}

/** What both adapters are built from. */
export interface ZaloChannelBase {
  engine: BotEngine;
  store: Pick<Store, 'processedUpdates' | 'persons' | 'turns' | 'zaloChoiceMenus'>;
  texts: Texts;
  logger: ZaloLogger;
  defaultLocale?: Locale;
  now?: () => Date;
  /** Largest webhook body accepted, in bytes (else the fastify app's limit). */
  webhookBodyLimit?: number;
  /** Waits before retrying a rate-limited call; its length is the number of retries. */
  rateLimitDelaysMs?: number[];
}
