// Profiles only the measured window (not start-up) with the inspector, and writes a
// .cpuprofile that Chrome DevTools or support/profileSummary.ts can read.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowProfiler {
  start(): Promise<void>;
  /** Stops and writes the profile; returns its path. */
  stop(name: string): Promise<string | undefined>;
}

export function windowProfiler(dir: string | undefined): WindowProfiler {
  if (!dir) return { start: async () => {}, stop: async () => undefined };
  const session = new Session();
  session.connect();
  let running = false;
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      running = true;
    },
    async stop(name) {
      if (!running) return undefined;
      running = false;
      const { profile } = await session.post('Profiler.stop');
      const path = join(dir, `${name}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}
