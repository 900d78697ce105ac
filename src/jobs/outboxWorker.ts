// Sends what the outbox holds, within each channel's limits: waits out "too many
// requests", retries failures with back-off, and marks people who blocked the bot.
import type { ChannelName } from '../bot/types.js';
import type { Outbox, OutboxMessage } from '../store/outbox.js';
import type { Clock } from './clock.js';
import type { OutboundChannel, SendOutcome } from './outbound.js';
import { Pacer } from './pacer.js';

export interface OutboxWorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface OutboxWorkerOptions {
  outbox: Outbox;
  channels: OutboundChannel[];
  clock: Clock;
  logger?: OutboxWorkerLogger;
  /** Messages claimed per round. */
  batchSize?: number;
  /** A message whose slot is further away than this goes back to the queue for now. */
  horizonMs?: number;
  /** Transient failures before a message is given up. */
  maxAttempts?: number;
  /** Pause between rounds when nothing is due. */
  idleMs?: number;
  /**
   * Put rows left "sending" by a dead process back to pending when starting (default). The
   * server does it itself before it takes any update, since from then on "sending" rows
   * are replies its channels are delivering.
   */
  recoverOnStart?: boolean;
}

const quiet: OutboxWorkerLogger = { info: () => {}, warn: () => {} };

export class OutboxWorker {
  private readonly channels = new Map<ChannelName, { sender: OutboundChannel; pacer: Pacer }>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly logger: OutboxWorkerLogger;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: OutboxWorkerOptions) {
    for (const sender of options.channels) this.channels.set(sender.channel, { sender, pacer: new Pacer(sender.limits) });
    this.logger = options.logger ?? quiet;
  }

  /** One round: claim what is due and send it at paced times. Returns how many were tried. */
  async runOnce(): Promise<number> {
    const { outbox, clock } = this.options;
    const start = clock.now();
    const startMs = start.getTime();
    const horizon = this.options.horizonMs ?? 5000;
    const claimed = outbox.claimDue(start, this.options.batchSize ?? 200);
    const sends: Promise<void>[] = [];
    for (const message of claimed) {
      const route = this.channels.get(message.channel);
      if (!route) {
        outbox.retryAt(message.id, new Date(startMs + 10 * 60_000), `channel ${message.channel} is not configured`);
        continue;
      }
      if (outbox.isUnreachable(message.channel, message.externalId)) {
        outbox.fail(message.id, 'unreachable', 'the person cannot be reached on this channel');
        continue;
      }
      if (route.pacer.earliest(message.externalId, startMs) - startMs > horizon) {
        outbox.release(message.id, new Date(route.pacer.earliest(message.externalId, startMs)));
        continue;
      }
      const slot = route.pacer.reserve(message.externalId, startMs);
      sends.push(clock.sleep(slot - startMs).then(() => this.deliver(message, route.sender, route.pacer)));
    }
    await Promise.all(sends);
    return sends.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.options.recoverOnStart !== false) this.options.outbox.recoverInFlight();
    this.loop = (async () => {
      while (this.running) {
        const tried = await this.runOnce().catch((err: unknown) => {
          this.logger.warn({ err }, 'outbox round failed');
          return 0;
        });
        if (tried === 0 && this.running)
          await Promise.race([this.options.clock.sleep(this.options.idleMs ?? 1000), new Promise<void>((r) => (this.wakeUp = r))]);
        this.wakeUp = undefined;
      }
    })();
  }

  /** Something was just queued for now (a relayed message): do not wait for the idle pause. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the round in progress, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async deliver(message: OutboxMessage, sender: OutboundChannel, pacer: Pacer): Promise<void> {
    const { outbox, clock } = this.options;
    let outcome: SendOutcome;
    try {
      outcome = await sender.deliver(message.externalId, message.replies);
    } catch (err) {
      outcome = { kind: 'transient', error: err instanceof Error ? err.message : String(err) };
    }
    const now = clock.now();
    switch (outcome.kind) {
      case 'sent':
        outbox.markSent(message.id, now);
        return;
      case 'rateLimited':
        pacer.pause(now.getTime() + outcome.retryAfterMs);
        outbox.release(message.id, new Date(now.getTime() + outcome.retryAfterMs));
        this.logger.warn({ channel: message.channel, retryAfterMs: outcome.retryAfterMs }, 'channel asked to slow down');
        return;
      case 'unreachable':
        outbox.setUnreachable(message.channel, message.externalId, outcome.reason, now);
        outbox.fail(message.id, 'unreachable', outcome.reason);
        this.logger.info({ channel: message.channel, purpose: message.purpose }, 'person unreachable');
        return;
      case 'rejected':
        outbox.fail(message.id, 'failed', outcome.error);
        this.logger.warn({ channel: message.channel, purpose: message.purpose, error: outcome.error }, 'message refused by the channel');
        return;
      case 'transient': {
        if (message.attempts >= (this.options.maxAttempts ?? 8)) {
          outbox.fail(message.id, 'failed', outcome.error);
          this.logger.warn({ channel: message.channel, attempts: message.attempts }, 'message given up after retries');
          return;
        }
        const backoff = Math.min(2 ** message.attempts * 1000, 15 * 60_000);
        outbox.retryAt(message.id, new Date(now.getTime() + backoff), outcome.error);
      }
    }
  }
}
