// Virtual time for jobs: sleeping costs nothing, and time jumps to the next wake-up once
// everything runnable has run. Lets a test cover hours of schedules in milliseconds.
import type { Clock } from '../../src/jobs/clock.js';

/** How long (real time) to wait for the looping tasks to go back to sleep before giving up. */
const LOOP_WAIT_MS = 10_000;

export class VirtualClock implements Clock {
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  /**
   * `loops`: how many tasks sleep on this clock again after each wake-up (a job's loop). On
   * SQLite their work ends within one turn of the event loop; on PostgreSQL it waits on the
   * server, so time moves on only once that many are asleep again.
   */
  constructor(
    private t: number,
    private readonly options: { loops?: number } = {},
  ) {}

  now(): Date {
    return new Date(this.t);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));
  }

  /** Moves time forward by ms, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      await this.loopsAsleep();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = until;
    await this.loopsAsleep();
  }

  /** Runs a task to its end, jumping time whenever it only waits on the clock. */
  async run<T>(task: Promise<T>): Promise<T> {
    let done = false;
    const guarded = task.finally(() => {
      done = true;
    });
    while (!done) {
      await settle();
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) continue;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return guarded;
  }

  /** Lets what is runnable run: one turn of the event loop, then until the loops sleep again. */
  private async loopsAsleep(): Promise<void> {
    await settle();
    const loops = this.options.loops ?? 0;
    const giveUp = Date.now() + LOOP_WAIT_MS;
    while (this.timers.length < loops) {
      if (Date.now() > giveUp) throw new Error(`VirtualClock: ${this.timers.length} of ${loops} loops asleep`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
