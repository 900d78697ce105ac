// Spaces sends so a channel's limits are never crossed: a global rate per channel and a
// minimum interval per chat. Slots are reserved ahead, so sends can run concurrently.
import type { ChannelLimits } from './outbound.js';

export class Pacer {
  private nextGlobal = 0;
  private pausedUntil = 0;
  private readonly nextPerChat = new Map<string, number>();

  constructor(private readonly limits: ChannelLimits) {}

  /** The earliest time (ms) this chat could be sent to, without reserving it. */
  earliest(chat: string, now: number): number {
    return Math.max(now, this.nextGlobal, this.pausedUntil, this.nextPerChat.get(chat) ?? 0);
  }

  /** Reserves the earliest slot for this chat and returns it. */
  reserve(chat: string, now: number): number {
    const at = this.earliest(chat, now);
    // Whole milliseconds, rounded up: 1000/30 in floating point let the 31st send land at
    // 999 ms, inside the same second, and Telegram answered 429.
    this.nextGlobal = at + Math.ceil(1000 / this.limits.perSecond);
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
