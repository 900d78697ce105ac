// The reminders module: /nhacnho for officials. The sending itself is the scheduler's job
// (startReminderScheduler), started by the composition root.
import type { BotModule } from '../../bot/module.js';
import type { Store } from '../../store/index.js';
import { nhacnho } from './nhacnhoCommand.js';
import { remindersPersonalData } from './personalData.js';
import type { ReportStatusSource } from './reportStatus.js';
import { storedReportStatus } from './storedReportStatus.js';

export interface RemindersModuleDeps {
  store: Pick<Store, 'roles' | 'campaigns' | 'reminderPauses' | 'reports'>;
  now?: () => Date;
  /** Who has reported (default: the reports in the store). */
  reports?: ReportStatusSource;
}

export function createRemindersModule(deps: RemindersModuleDeps): BotModule {
  return {
    name: 'reminders',
    commands: [{ name: 'nhacnho', handler: nhacnho(deps.store, deps.reports ?? storedReportStatus(deps.store)) }],
    personalData: remindersPersonalData(deps.store, deps.now ?? (() => new Date())),
  };
}
