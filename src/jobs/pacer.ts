// Spaces sends so a channel's limits are never crossed: a global rate per channel and a
// minimum interval per chat. Slots are planned ahead, so sends can run concurrently; but
// what the platform counts is when each request really goes out, so every send first
// takes its turn on the clock (`acquire`), which books the actual moment and waits if the
// actual sends so far leave no room. Both limits keep a margin for the time a request
// takes to reach the platform, which varies from one request to the next. When many are
// late together (a stalled process, the end of a 429) they do not all go at once: a burst
// reaches the platform spread over as long as the process takes to send it, on a busy
// machine more than any margin. They go at the channel's pace, a few at most together
// (the generic cell rate algorithm: a small tolerance absorbs timers that fire late).
import type { Clock } from './clock.js';
import type { ChannelLimits } from './outbound.js';

/**
 * Kept on both limits: a chat's sends at least `perChatIntervalMs` + this apart, and no more
 * than `perSecond` sends in any 1000 ms + this. Measured between the moments requests are
 * made; it absorbs differences in how long they take to arrive (at 30/s it costs 5%).
 */
export const PACING_MARGIN_MS = 50;

/** Requests that may go together when late: enough to catch up timers that fire a few ms late. */
export const BURST_AT_MOST = 3;

export class Pacer {
  private pausedUntil = 0;
  /** Planned: each chat's next free turn. */
  private readonly nextPerChat = new Map<string, number>();
  /** Global slots planned or taken, in order; planned ones are at least `gap` apart. */
  private readonly booked: number[] = [];
  /** When requests were really made, in order, within the last window. */
  private readonly sent: number[] = [];
  /** When the next request would go, had every one gone at the pace since the channel was last idle. */
  private paced = -Infinity;
  /** When the last request to each chat was really made. */
  private readonly lastSent = new Map<string, number>();
  /** Sends per window, the window, and a chat's least interval, margins included. */
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly intervalMs: number;
  // Whole milliseconds, rounded up: a fraction let a send land inside the same window.
  private readonly gap: number;

  constructor(limits: ChannelLimits, marginMs = PACING_MARGIN_MS) {
    this.perWindow = Math.max(1, Math.floor(limits.perSecond));
    this.windowMs = 1000 + marginMs;
    this.intervalMs = limits.perChatIntervalMs + marginMs;
    this.gap = Math.ceil(this.windowMs / this.perWindow);
  }

  /** The earliest time (ms) this chat could be sent to, without reserving it. */
  earliest(chat: string | undefined, now: number): number {
    let at = Math.max(now, this.pausedUntil, chat === undefined ? 0 : (this.nextPerChat.get(chat) ?? 0));
    // The first free global slot from then on: a chat whose own next turn is far ahead
    // must not hold back every other chat (slots between bookings stay usable).
    for (const slot of this.booked) {
      if (slot + this.gap <= at) continue;
      if (slot >= at + this.gap) break;
      at = slot + this.gap;
    }
    return at;
  }

  /** The first global slot free from `now` on, whatever the chat. */
  firstFree(now: number): number {
    return this.earliest(undefined, now);
  }

  /** Plans the earliest slot for this chat and returns it. */
  reserve(chat: string, now: number): number {
    const at = this.earliest(chat, now);
    while (this.booked.length > 0 && this.booked[0]! + this.gap <= now) this.booked.shift();
    insertSorted(this.booked, at);
    this.nextPerChat.set(chat, at + this.intervalMs);
    if (this.nextPerChat.size > 50_000) this.forget(now);
    return at;
  }

  /**
   * How long to wait before a request to this chat may be made at `now`, judged by the
   * requests really made so far (0: it may go now).
   */
  waitBefore(chat: string, now: number): number {
    let wait = Math.max(this.pausedUntil, this.paced - (BURST_AT_MOST - 1) * this.gap) - now;
    const last = this.lastSent.get(chat);
    if (last !== undefined) wait = Math.max(wait, last + this.intervalMs - now);
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    // A window already full: wait until its oldest send leaves it.
    if (this.sent.length >= this.perWindow)
      wait = Math.max(wait, this.sent[this.sent.length - this.perWindow]! + this.windowMs - now);
    return Math.max(0, wait);
  }

  /**
   * Waits for this chat's turn, then books the moment the request goes (now) against both
   * limits, in place of its planned slot if it had one. Call it right before the request.
   * With a deadline, a turn that would come after it is not waited for: nothing is booked
   * (the planned slot is freed) and the answer is undefined.
   */
  async acquire(chat: string, clock: Clock, planned?: number): Promise<number>;
  async acquire(chat: string, clock: Clock, planned: number | undefined, deadline: number): Promise<number | undefined>;
  async acquire(chat: string, clock: Clock, planned?: number, deadline?: number): Promise<number | undefined> {
    for (;;) {
      const now = clock.now().getTime();
      const wait = this.waitBefore(chat, now);
      if (wait <= 0) {
        this.take(chat, now, planned);
        return now;
      }
      if (deadline !== undefined && now + wait > deadline) {
        if (planned !== undefined) this.unbook(planned);
        return undefined;
      }
      await clock.sleep(Math.max(1, Math.ceil(wait)));
    }
  }

  /** The platform said "too many requests": nothing goes out on this channel until then. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private take(chat: string, now: number, planned: number | undefined): void {
    insertSorted(this.sent, now);
    this.paced = Math.max(this.paced, now) + this.gap;
    this.lastSent.set(chat, now);
    if (planned !== undefined) this.unbook(planned);
    insertSorted(this.booked, now);
    this.nextPerChat.set(chat, Math.max(this.nextPerChat.get(chat) ?? 0, now + this.intervalMs));
  }

  private unbook(planned: number): void {
    const index = this.booked.indexOf(planned);
    if (index !== -1) this.booked.splice(index, 1);
  }

  private forget(now: number): void {
    for (const [chat, at] of this.nextPerChat) if (at <= now) this.nextPerChat.delete(chat);
    for (const [chat, at] of this.lastSent) if (at + this.intervalMs <= now) this.lastSent.delete(chat);
  }
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  list.splice(i, 0, value);
}
