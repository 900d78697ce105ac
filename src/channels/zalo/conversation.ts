// What both Zalo adapters do with a person's event once the webhook has answered: in the
// person's order, resolve a typed number against the menu they last saw, ask the engine,
// commit its replies to the outbox, and deliver them (what a crash or a failure leaves
// unsent, the outbox worker sends); a failure answers with the engine's apology.
// Work started here is tracked so a shutdown (or a test) can wait for it.
import type { BotEngine } from '../../bot/port.js';
import type { ChannelCapabilities, ChannelName, Choice, InboundEvent, Reply } from '../../bot/types.js';
import { KeyedSerialQueue } from '../../bot/serialQueue.js';
import type { Store } from '../../store/index.js';
import type { CommittedTurn } from '../../store/repositories.js';
import type { ZaloLogger } from './logger.js';
import { safeError } from './safeError.js';

export interface ConversationDeps {
  channel: Extract<ChannelName, 'zalo' | 'zalo_bot'>;
  engine: BotEngine;
  capabilities: ChannelCapabilities;
  menus: Pick<Store['zaloChoiceMenus'], 'recall'>;
  logger: ZaloLogger;
  secrets: () => readonly string[];
  turns: Pick<Store['turns'], 'commit' | 'delivered' | 'handOver'>;
  /** Renders and sends the replies, and records the menu they offer; tells as each reply went. */
  deliver(externalId: string, replies: Reply[], onReplySent?: (index: number) => Promise<void>): Promise<void>;
}

export class ZaloConversations {
  private readonly queue = new KeyedSerialQueue();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: ConversationDeps) {}

  /** Queues one event; `eventFor` sees the menu the person was last shown. */
  turn(externalId: string, eventFor: (menu: Choice[]) => InboundEvent): void {
    void this.track(this.queue.run(externalId, () => this.handle(externalId, eventFor)));
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
    const menu = await this.deps.menus.recall(channel, externalId);
    // Events were de-duplicated on receipt; here the whole answer is made durable first, by
    // the engine before the chat's next turn may start (the apology commits here).
    let committed: CommittedTurn | undefined;
    const commit = async (answer: Reply[]) => {
      committed = await this.deps.turns.commit({ channel, externalId, replies: answer }, new Date());
    };
    const inbound = { channel, externalId, event: eventFor(menu), answeredDurably: true, commit };
    let replies: Reply[];
    try {
      replies = await engine.handle(inbound, this.deps.capabilities);
    } catch (error) {
      logger.error({ channel, event: inbound.event.kind, err: safeError(error, this.deps.secrets()) }, 'zalo event failed');
      replies = [await engine.apology(inbound)];
    }
    if (!committed) await commit(replies);
    const { rowIds, queued } = committed!;
    if (queued) return;
    let next = 0;
    try {
      await this.deps.deliver(externalId, replies, async (index) => {
        await this.deps.turns.delivered(rowIds[index]!);
        next = index + 1;
      });
      for (const rowId of rowIds.slice(next)) await this.deps.turns.delivered(rowId);
    } catch (error) {
      await this.deps.turns.handOver(
        rowIds.slice(next),
        new Date(Date.now() + 2000),
        error instanceof Error ? error.name : 'send failed',
      );
      logger.error({ channel, err: safeError(error, this.deps.secrets()) }, 'zalo reply not delivered now: left to the outbox');
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
