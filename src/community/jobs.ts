// The handoff job: once a minute, requests nobody has taken within the configured office
// minutes are announced to the next level (team leader, then the level above), through the
// outbox under one key per ticket, level and person, so a rerun or a restart sends nothing twice.
import type { Clock } from '../jobs/clock.js';
import type { Texts } from '../i18n/index.js';
import type { Store } from '../store/index.js';
import { communityServices } from './deps.js';
import { escalateWaiting } from './handoff.js';
import { parseCommunitySettings } from './settings.js';
import { intervalTick, onceAcrossReplicas } from '../jobs/tick.js';

export interface HandoffJobsLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HandoffJobsDeps {
  store: Store;
  texts: Texts;
  clock: Clock;
  logger?: HandoffJobsLogger;
  /** Default: HANDOFF_ESCALATE_AFTER_MINUTES from the environment, else 15. */
  escalateAfterMinutes?: number;
  intervalMs?: number;
}

export interface HandoffJobs {
  stop(): Promise<void>;
  /** One round; returns how many messages were queued. */
  runOnce(): Promise<number>;
}

export function startHandoffJobs(deps: HandoffJobsDeps): HandoffJobs {
  const settings = parseCommunitySettings(
    deps.escalateAfterMinutes !== undefined ? { HANDOFF_ESCALATE_AFTER_MINUTES: String(deps.escalateAfterMinutes) } : process.env,
  );
  const services = communityServices(deps.store, deps.texts, settings);
  const interval = deps.intervalMs ?? 60_000;
  let running = true;
  let wake: (() => void) | undefined;

  const runOnce = async (): Promise<number> => {
    const queued = await escalateWaiting(services, deps.clock.now(), settings.escalateAfterMinutes);
    if (queued > 0) deps.logger?.info({ queued }, 'handoff: waiting requests escalated');
    return queued;
  };

  const loop = (async () => {
    while (running) {
      try {
        // Replicas' loops are not in step: one escalation round per interval among them all.
        await onceAcrossReplicas(deps.store.jobTicks, 'handoff', intervalTick(deps.clock.now(), interval), runOnce);
      } catch (err) {
        deps.logger?.error({ err }, 'handoff: escalation round failed');
      }
      // Asked to stop during the round: do not sleep out a whole interval first.
      if (!running) break;
      await Promise.race([deps.clock.sleep(interval), new Promise<void>((resolve) => (wake = resolve))]);
    }
  })();

  return {
    runOnce,
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
