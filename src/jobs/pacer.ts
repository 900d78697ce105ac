// Spaces sends so a channel's limits are never crossed: a global rate per channel and a
// minimum interval per chat. Slots are reserved ahead, so sends can run concurrently.
import type { ChannelLimits } from './outbound.js';

export class Pacer {
  private pausedUntil = 0;
  private readonly nextPerChat = new Map<string, number>();
  /** Global slots reserved from now on, in order; any two are at least `gap` apart. */
  private readonly booked: number[] = [];
  // Whole milliseconds, rounded up: 1000/30 in floating point let the 31st send land at
  // 999 ms, inside the same second, and Telegram answered 429.
  private readonly gap: number;

  constructor(private readonly limits: ChannelLimits) {
    this.gap = Math.ceil(1000 / limits.perSecond);
  }

  /** The earliest time (ms) this chat could be sent to, without reserving it. */
  earliest(chat: string, now: number): number {
    let at = Math.max(now, this.pausedUntil, this.nextPerChat.get(chat) ?? 0);
    // The first free global slot from then on: a chat whose own next turn is far ahead
    // must not hold back every other chat (slots between bookings stay usable).
    for (const slot of this.booked) {
      if (slot + this.gap <= at) continue;
      if (slot >= at + this.gap) break;
      at = slot + this.gap;
    }
    return at;
  }

  /** Reserves the earliest slot for this chat and returns it. */
  reserve(chat: string, now: number): number {
    const at = this.earliest(chat, now);
    while (this.booked.length > 0 && this.booked[0]! + this.gap <= now) this.booked.shift();
    const index = this.booked.findIndex((slot) => slot > at);
    this.booked.splice(index === -1 ? this.booked.length : index, 0, at);
    this.nextPerChat.set(chat, at + this.limits.perChatIntervalMs);
    if (this.nextPerChat.size > 50_000) this.forget(now);
    return at;
  }

  /** The platform said "too many requests": nothing goes out on this channel until then. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private forget(now: number): void {
    for (const [chat, at] of this.nextPerChat) if (at <= now) this.nextPerChat.delete(chat);
  }
}
