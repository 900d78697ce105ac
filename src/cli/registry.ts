// Every administrators' command, in the order `npm run cli -- help` lists them.
import type { CliCommand } from './command.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand } from './commands/backup.js';
import { unitsImportCommand } from './commands/unitsImport.js';
import { statsImportCommand } from './commands/statsImport.js';
import { campaignLoadCommand } from './commands/campaignLoad.js';
import { inviteCommand, inviteRevokeCommand } from './commands/invite.js';
import { rolesCommand } from './commands/roles.js';
import { rolesRevokeCommand } from './commands/rolesRevoke.js';
import { contactsImportCommand } from './commands/contactsImport.js';
import { guideOutcomesCommand } from './commands/guideOutcomes.js';
import { zaloTokensCommand } from './commands/zaloTokens.js';
import { reportExportCommand } from './commands/reportExport.js';
import { migrateCommand } from './commands/migrate.js';

export const CLI_COMMANDS: CliCommand[] = [
  auditCommand,
  backupCommand,
  migrateCommand,
  unitsImportCommand,
  statsImportCommand,
  campaignLoadCommand,
  inviteCommand,
  inviteRevokeCommand,
  rolesCommand,
  rolesRevokeCommand,
  contactsImportCommand,
  guideOutcomesCommand,
  zaloTokensCommand,
  reportExportCommand,
];
