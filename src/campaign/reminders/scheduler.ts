// The reminder scheduler: croner wakes it every minute (province time), and each pass
// queues whatever has fallen due (on one replica per minute). Time itself comes from the injected clock, so tests can
// run a whole campaign week in virtual time by calling runOnce.
import { Cron } from 'croner';
import type { Clock } from '../../jobs/clock.js';
import { TIME_ZONE } from '../../i18n/format.js';
import type { Texts } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { enqueueDueReminders, type ReminderLogger } from './enqueueDue.js';
import type { ReportStatusSource } from './reportStatus.js';
import { storedReportStatus } from './storedReportStatus.js';
import { minuteTick, onceAcrossReplicas } from '../../jobs/tick.js';

export interface ReminderSchedulerDeps {
  store: Store;
  texts: Texts;
  clock: Clock;
  logger: ReminderLogger;
  /** Who has reported (default: the reports in the store). */
  reports?: ReportStatusSource;
}

export interface ReminderScheduler {
  stop(): Promise<void>;
  /** One pass now; returns how many messages were queued. Safe to call any number of times. */
  runOnce(): Promise<number>;
}

/** The same problem found every minute is worth one line in the log, not 1,440 a day. */
function warningsOnce(logger: ReminderLogger): ReminderLogger {
  const seen = new Set<string>();
  return {
    info: (obj, msg) => logger.info(obj, msg),
    warn: (obj, msg) => {
      const key = `${msg ?? ''} ${JSON.stringify(obj)}`;
      if (seen.has(key)) return;
      seen.add(key);
      logger.warn(obj, msg);
    },
  };
}

export function startReminderScheduler(deps: ReminderSchedulerDeps): ReminderScheduler {
  const reports = deps.reports ?? storedReportStatus(deps.store);
  const logger = warningsOnce(deps.logger);
  let inFlight: Promise<number> = Promise.resolve(0);
  const runOnce = (): Promise<number> => {
    // Passes never overlap; each starts after the one before has finished.
    inFlight = inFlight.catch(() => 0).then(() => enqueueDueReminders({ ...deps, reports, logger }, deps.clock.now()));
    return inFlight;
  };
  const job = new Cron('* * * * *', { timezone: TIME_ZONE, protect: true }, async () => {
    try {
      // One replica plans each minute; a minute whose planner died is caught up by the next.
      await onceAcrossReplicas(deps.store.jobTicks, 'reminders', minuteTick(deps.clock.now()), runOnce);
    } catch (err) {
      deps.logger.warn({ err }, 'reminder pass failed; the next one will try again');
    }
  });
  return {
    runOnce,
    async stop() {
      job.stop();
      await inFlight.catch(() => 0);
    },
  };
}
