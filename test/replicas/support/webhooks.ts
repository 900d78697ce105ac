// Telegram's side of the webhook, in front of two replicas: it posts each update to one of
// them and posts it again, to whichever is still up, until one answers 200. A replica
// killed here is never asked again; requests it had not answered fail, and go to the other.
import type { BotProcess } from '../../trust/support/botProcess.js';

/** One POST of an update to one replica, and what came back (undefined: no answer at all). */
export interface Attempt {
  updateId: number;
  replica: number;
  status?: number;
  /** When the answer came, on the clock of the fake Bot API's arrival times. */
  answeredAt?: number;
}

export class Webhooks {
  readonly attempts: Attempt[] = [];
  private readonly dead = new Set<number>();

  constructor(
    private readonly replicas: readonly BotProcess[],
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  /** The replica asked when `wanted` is down: the first one still up. */
  private up(wanted: number): number {
    if (!this.dead.has(wanted)) return wanted;
    const other = this.replicas.findIndex((_, i) => !this.dead.has(i));
    if (other < 0) throw new Error('no replica is up');
    return other;
  }

  /** Kills a replica as a crash does (SIGKILL); from now on its updates go to the others. */
  kill(replica: number): void {
    this.dead.add(replica);
    this.replicas[replica]!.child.kill('SIGKILL');
  }

  isDead(replica: number): boolean {
    return this.dead.has(replica);
  }

  /** Posts until some replica answers 200, starting with `replica`, then the other, and so on. */
  async deliver(updateId: number, body: string, replica: number): Promise<void> {
    for (let tries = 0; ; tries++) {
      if (tries >= 20) throw new Error(`update ${updateId} was never answered 200`);
      const target = this.up(replica);
      const attempt: Attempt = { updateId, replica: target };
      this.attempts.push(attempt);
      const status = await fetch(`${this.replicas[target]!.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': this.secret },
        body,
        signal: AbortSignal.timeout(30_000),
      }).then(
        (r) => r.status,
        () => undefined,
      );
      attempt.status = status;
      attempt.answeredAt = this.now();
      if (status === 200) return;
      // Telegram waits a little longer each time; the next try may reach the other replica.
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** tries, 2000)));
      replica = (replica + 1) % this.replicas.length;
    }
  }
}
