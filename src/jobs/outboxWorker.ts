// Sends what the outbox holds, within each channel's limits: waits out "too many
// requests", retries failures with back-off, and marks people who blocked the bot.
import type { ChannelName } from '../bot/types.js';
import type { OutboxMessage } from '../store/core/outboxMessage.js';
import type { Store } from '../store/index.js';
import type { SenderLease } from '../store/coordination/senderLease.js';
import type { Clock } from './clock.js';
import type { OutboundChannel, SendOutcome } from './outbound.js';
import { Pacer } from './pacer.js';

export interface OutboxWorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface OutboxWorkerOptions {
  outbox: Store['outbox'];
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
  /**
   * Replicas sharing the outbox send only while they hold this lease, so that Telegram's
   * limits are kept by one pacer (the store's senderLease()); without it this worker sends.
   */
  lease?: SenderLease;
}

const quiet: OutboxWorkerLogger = { info: () => {}, warn: () => {} };

/** A message put back for later is claimed this long before its slot, so it is ready on time. */
const CLAIM_AHEAD_MS = 1000;
/** While messages are in flight, the queue is looked at again this often. */
const BUSY_LOOK_MS = 250;
/** How often claims left by a sender that stopped (another replica that died) are looked for, at most. */
const LEASE_LOOK_MS = 30_000;
/** Claims per round at most (each claim takes up to `batchSize`). */
const MAX_CLAIMS_PER_ROUND = 20;
/** A claim's last part, when no send of it starts: a quarter of the lease, 15 s at most. */
const LEASE_END_MS = { share: 0.25, atMost: 15_000 };

/**
 * How long after its claim a message may still start to go. Later, its lease could run out
 * while the request is on the way, and another replica, taking it for a dead one's, send it
 * again (with the default lease, the copy comes at least 15 s after this one).
 */
function sendWithinMs(leaseMs: number): number {
  return leaseMs - Math.min(leaseMs * LEASE_END_MS.share, LEASE_END_MS.atMost);
}

interface Route {
  sender: OutboundChannel;
  pacer: Pacer;
}

export class OutboxWorker {
  private readonly channels = new Map<ChannelName, Route>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly logger: OutboxWorkerLogger;
  private wakeUp: (() => void) | undefined;
  /** Sends scheduled and not finished, across rounds. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The send planned or in flight to each chat (one at a time). */
  private readonly chatSends = new Map<string, Promise<void>>();
  /** Whether this process is the one sender (it holds the lease, or there is none to hold). */
  private sending: boolean;
  /** How long after its claim a message may still start to go (sendWithinMs of the outbox's lease). */
  private readonly sendWithin: number;
  /** How far ahead sends are planned: never past the moment a claim's sends must have started. */
  private readonly horizon: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    for (const sender of options.channels) this.channels.set(sender.channel, { sender, pacer: new Pacer(sender.limits) });
    this.logger = options.logger ?? quiet;
    this.sending = options.lease === undefined;
    this.sendWithin = sendWithinMs(options.outbox.leaseMs);
    this.horizon = Math.min(options.horizonMs ?? 5000, this.sendWithin);
  }

  /** One round: claim what is due and send it at paced times. Returns how many were tried. */
  async runOnce(): Promise<number> {
    const sends = await this.round();
    await Promise.all(sends);
    return sends.length;
  }

  /** Claims what is due and schedules each send at its planned slot; returns the sends without waiting for them. */
  private async round(): Promise<Promise<void>[]> {
    const sends: Promise<void>[] = [];
    // Sends wait for the round's database work to end: a request is never made while a
    // claim is still being written, which would hold up everything else in the process.
    let startSends!: () => void;
    const roundDone = new Promise<void>((resolve) => (startSends = resolve));
    try {
      await this.claimRounds(roundDone, sends);
    } finally {
      startSends();
    }
    return sends;
  }

  /**
   * Claims again while a whole batch was taken and some of it could be scheduled, so a
   * batch of a few busy chats does not keep other chats waiting. Adds the sends to `sends`.
   */
  private async claimRounds(roundDone: Promise<void>, sends: Promise<void>[]): Promise<void> {
    const { outbox, clock } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    for (let claim = 0; claim < MAX_CLAIMS_PER_ROUND; claim++) {
      const start = clock.now();
      // Every channel's slots taken up to the horizon: claiming now would only put rows back.
      const routes = [...this.channels.values()];
      if (routes.length > 0 && routes.every((r) => r.pacer.firstFree(start.getTime()) - start.getTime() > this.horizon)) break;
      const claimed = await outbox.claimDue(start, batchSize, [...this.channels.keys()]);
      const unreachable = await this.unreachableAmong(claimed);
      const scheduled = sends.length;
      const writes: Promise<void>[] = [];
      const waiting = new Map<string, number>();
      for (const message of claimed) {
        const planned = this.schedule(message, start.getTime(), unreachable, waiting, roundDone);
        if ('send' in planned) sends.push(planned.send);
        else writes.push(planned.write);
      }
      await Promise.all(writes);
      if (claimed.length < batchSize || sends.length === scheduled) break;
    }
  }

  /**
   * The chats among these messages that cannot be reached now, as `channel:externalId`: one
   * query for the whole claim, on the pool the webhook turns share.
   */
  private async unreachableAmong(messages: readonly OutboxMessage[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    return new Set((await this.options.outbox.unreachableAmong(messages)).map(chatKey));
  }

  /**
   * Starts the message's send at its slot, or writes why it waits (or never goes).
   * `waiting` counts, per chat, the messages of this claim already put back; the send
   * starts once `roundDone` resolves.
   */
  private schedule(
    message: OutboxMessage,
    startMs: number,
    unreachable: ReadonlySet<string>,
    waiting: Map<string, number>,
    roundDone: Promise<void>,
  ): { send: Promise<void> } | { write: Promise<void> } {
    const { outbox, clock } = this.options;
    const route = this.channels.get(message.channel);
    if (!route)
      return {
        write: outbox.retryAt(message.id, new Date(startMs + 10 * 60_000), `channel ${message.channel} is not configured`),
      };
    const key = chatKey(message);
    if (unreachable.has(key))
      return { write: outbox.fail(message.id, 'unreachable', 'the person cannot be reached on this channel') };
    const earliest = route.pacer.earliest(message.externalId, startMs);
    // One message per chat is planned at a time: planning a chat's next ones seconds ahead
    // would take global slots other chats need sooner. The rest wait for their turn.
    if (earliest - startMs > this.horizon || this.chatSends.has(key)) {
      // Each one back for about its own turn: the chat's messages after the next one are not
      // claimed and put back again every round while they cannot go yet.
      const ahead = waiting.get(key) ?? 0;
      waiting.set(key, ahead + 1);
      const turn = earliest + ahead * route.sender.limits.perChatIntervalMs;
      return { write: outbox.release(message.id, new Date(Math.max(startMs + 1, turn - CLAIM_AHEAD_MS))) };
    }
    const slot = route.pacer.reserve(message.externalId, startMs);
    const send = roundDone.then(() => clock.sleep(slot - startMs)).then(() => this.deliver(message, route, slot, startMs));
    this.chatSends.set(key, send);
    this.inFlight.add(send);
    void send
      .catch((err: unknown) => this.logger.warn({ err }, 'outbox send failed'))
      .finally(() => {
        this.inFlight.delete(send);
        if (this.chatSends.get(key) === send) this.chatSends.delete(key);
      });
    return { send };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      if (this.options.recoverOnStart !== false)
        await this.options.outbox.recoverInFlight().catch((err: unknown) => this.logger.warn({ err }, 'outbox recovery failed'));
      const { outbox, lease } = this.options;
      // Claims outlive a dead sender by their lease: looked for twice per lease, so they return
      // soon after. This process's own claims never return this way, however long they take.
      const leaseLookMs = Math.min(LEASE_LOOK_MS, outbox.leaseMs / 2);
      let leasesLookedAt = this.options.clock.now().getTime();
      while (this.running) {
        let tried = 0;
        try {
          const now = this.options.clock.now();
          const wasSending = this.sending;
          this.sending = lease === undefined || (await lease.acquire());
          if (this.sending !== wasSending)
            this.logger.info({}, this.sending ? 'outbox: this replica sends now' : 'outbox: another replica sends now');
          // A sender taking over looks at once for what the one before it left half-sent.
          if (this.sending && (!wasSending || now.getTime() - leasesLookedAt >= leaseLookMs)) {
            leasesLookedAt = now.getTime();
            await outbox.recoverExpiredLeases(now);
          }
          if (this.sending) tried = (await this.round()).length;
        } catch (err) {
          this.logger.warn({ err }, 'outbox round failed');
        }
        if (!this.running) break;
        // Sends run on their own; look again soon while there is work, else after the pause.
        const pause = tried > 0 || this.inFlight.size > 0 ? BUSY_LOOK_MS : (this.options.idleMs ?? 1000);
        await Promise.race([this.options.clock.sleep(pause), new Promise<void>((r) => (this.wakeUp = r))]);
        this.wakeUp = undefined;
      }
      await Promise.allSettled([...this.inFlight]);
      // Another replica may take over at once, rather than when this process's session ends.
      await lease?.release().catch((err: unknown) => this.logger.warn({ err }, 'outbox: sender lease not released'));
    })();
  }

  /** Something was just queued for now (a relayed message): do not wait for the idle pause. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the sends in progress, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Waits for the message's turn on the channel, counted from the moment the request really
   * goes, and returns from when its claim holds. A claim that came back (or a timer that fired)
   * past its time is held for another lease first; a turn that would come after the claim's
   * end (a long 429) is not taken: the message goes back to the queue for then, untried.
   * Undefined when it does not go now, or is no longer this sender's to send.
   */
  private async takeTurn(message: OutboxMessage, pacer: Pacer, slot: number, claimedAt: number): Promise<number | undefined> {
    const { outbox, clock } = this.options;
    // A replica that lost the sender lease sends no more: the new sender keeps the limits.
    if (!this.sending) {
      await outbox.release(message.id, clock.now());
      return undefined;
    }
    let heldFrom = claimedAt;
    const now = clock.now();
    if (now.getTime() > heldFrom + this.sendWithin) {
      if (!(await outbox.renew(message.id, now))) return undefined;
      heldFrom = now.getTime();
    }
    const at = await pacer.acquire(message.externalId, clock, slot, heldFrom + this.sendWithin);
    if (at !== undefined) return heldFrom;
    const later = clock.now().getTime();
    await outbox.release(message.id, new Date(later + pacer.waitBefore(message.externalId, later)));
    return undefined;
  }

  /** A delivery's further request (a chart's text): its turn, its claim held for it as for the first. */
  private async nextTurn(message: OutboxMessage, pacer: Pacer, claim: { heldFrom: number }): Promise<void> {
    const { outbox, clock } = this.options;
    const at = await pacer.acquire(message.externalId, clock);
    if (at <= claim.heldFrom + this.sendWithin) return;
    if (!(await outbox.renew(message.id, new Date(at)))) throw new Error('another sender took the message back');
    claim.heldFrom = at;
  }

  private async deliver(message: OutboxMessage, route: Route, slot: number, claimedAt: number): Promise<void> {
    const { outbox, clock } = this.options;
    const { sender, pacer } = route;
    let outcome: SendOutcome;
    try {
      const heldFrom = await this.takeTurn(message, pacer, slot, claimedAt);
      if (heldFrom === undefined) return;
      const claim = { heldFrom };
      outcome = await sender.deliver(message.externalId, message.replies, () => this.nextTurn(message, pacer, claim));
    } catch (err) {
      outcome = { kind: 'transient', error: err instanceof Error ? err.message : String(err) };
    }
    const now = clock.now();
    switch (outcome.kind) {
      case 'sent':
        await outbox.markSent(message.id, now);
        return;
      case 'rateLimited':
        pacer.pause(now.getTime() + outcome.retryAfterMs);
        await outbox.release(message.id, new Date(now.getTime() + outcome.retryAfterMs));
        this.logger.warn({ channel: message.channel, retryAfterMs: outcome.retryAfterMs }, 'channel asked to slow down');
        return;
      case 'unreachable':
        await outbox.setUnreachable(message.channel, message.externalId, outcome.reason, now);
        await outbox.fail(message.id, 'unreachable', outcome.reason);
        this.logger.info({ channel: message.channel, purpose: message.purpose }, 'person unreachable');
        return;
      case 'rejected':
        await outbox.fail(message.id, 'failed', outcome.error);
        this.logger.warn(
          { channel: message.channel, purpose: message.purpose, error: outcome.error },
          'message refused by the channel',
        );
        return;
      case 'transient': {
        if (message.attempts >= (this.options.maxAttempts ?? 8)) {
          await outbox.fail(message.id, 'failed', outcome.error);
          this.logger.warn({ channel: message.channel, attempts: message.attempts }, 'message given up after retries');
          return;
        }
        const backoff = Math.min(2 ** message.attempts * 1000, 15 * 60_000);
        await outbox.retryAt(message.id, new Date(now.getTime() + backoff), outcome.error);
      }
    }
  }
}

function chatKey(message: Pick<OutboxMessage, 'channel' | 'externalId'>): string {
  return `${message.channel}:${message.externalId}`;
}
