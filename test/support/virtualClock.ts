// Virtual time for jobs: sleeping costs nothing, and time jumps to the next wake-up once
// everything runnable has run. Lets a test cover hours of schedules in milliseconds.
import type { Clock } from '../../src/jobs/clock.js';

export class VirtualClock implements Clock {
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  constructor(private t: number) {}

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
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = until;
    await settle();
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
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
