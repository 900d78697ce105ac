// What both Zalo adapters do with a person's event once the webhook has answered: in the
// person's order, resolve a typed number against the menu they last saw, ask the engine,
// and deliver its replies; a failure answers with the engine's apology, not with silence.
// Work started here is tracked so a shutdown (or a test) can wait for it.
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities, ChannelName, Choice, InboundEvent, Reply } from '../../bot/types.js';
import { KeyedSerialQueue } from '../../bot/serialQueue.js';
import type { ChoiceMenuRepository } from './choiceMenu.js';
import type { ZaloLogger } from './logger.js';
import { safeError } from './safeError.js';

export interface ConversationDeps {
  channel: Extract<ChannelName, 'zalo' | 'zalo_bot'>;
  engine: BotEngine;
  capabilities: ChannelCapabilities;
  menus: ChoiceMenuRepository;
  logger: ZaloLogger;
  secrets: () => readonly string[];
  /** Renders and sends the replies, and records the menu they offer. */
  deliver(externalId: string, replies: Reply[]): Promise<void>;
}

export class ZaloConversations {
  private readonly queue = new KeyedSerialQueue();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: ConversationDeps) {}

  /** Queues one event; `eventFor` sees the menu the person was last shown. */
  turn(externalId: string, eventFor: (menu: Choice[]) => InboundEvent): void {
    this.track(this.queue.run(externalId, () => this.handle(externalId, eventFor)));
  }

  /** Runs other work for the person in their order (an unfollow, a proactive send). */
  inOrder<T>(externalId: string, task: () => Promise<T>): Promise<T> {
    return this.track(this.queue.run(externalId, task));
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async handle(externalId: string, eventFor: (menu: Choice[]) => InboundEvent): Promise<void> {
    const { channel, engine, logger } = this.deps;
    const inbound = { channel, externalId, event: eventFor(this.deps.menus.recall(channel, externalId)) };
    let replies: Reply[];
    try {
      replies = await engine.handle(inbound, this.deps.capabilities);
    } catch (error) {
      logger.error({ channel, event: inbound.event.kind, err: safeError(error, this.deps.secrets()) }, 'zalo event failed');
      replies = [engine.apology(inbound)];
    }
    try {
      await this.deps.deliver(externalId, replies);
    } catch (error) {
      logger.error({ channel, err: safeError(error, this.deps.secrets()) }, 'zalo reply not delivered');
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }
}
