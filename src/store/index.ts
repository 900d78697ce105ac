// The store the composition root hands out: every repository over one database. Domain
// modules, channels and commands reach the data only through these repositories.
import type { Kysely } from 'kysely';
import { type Db, openDatabase } from './database.js';
import type { DB } from './schema.js';
import { sqliteKysely } from './sqlite/kysely.js';
import { SqliteTurnLedger } from './turnLedger.js';
import { SqlitePersonRepository } from './sqlite/persons.js';
import { SqliteConversationRepository } from './sqlite/conversations.js';
import { SqliteProcessedUpdateRepository } from './sqlite/processedUpdates.js';
import { AuditLog } from './audit.js';
import { Outbox, dropPendingReminders } from './outbox.js';
import { asyncMethods, lifted } from './transitional.js';
// TRANSITIONAL: the domain's synchronous queries, until each moves into src/store.
import * as units from '../campaign/units/repository.js';
import { findUnitsByName } from '../campaign/units/search.js';
import { relationsFrom } from '../campaign/access.js';
import { campaignFor, saveCampaign } from '../campaign/definition/repository.js';
import { storedCampaigns } from '../campaign/reminders/campaigns.js';
import * as statistics from '../campaign/statistics/repository.js';
import { rebuildRollup } from '../campaign/statistics/rollup.js';
import * as reports from '../campaign/reports/repository.js';
import { filingsUnder, reportStatusForWeek, reportingUnitsUnder } from '../campaign/reports/status.js';
import { importedCountsFor } from '../campaign/reports/imported.js';
import * as roles from '../campaign/roles/repository.js';
import { holderOfInvite, personExists, withdrawRole } from '../campaign/roles/withdraw.js';
import { campaignUnits, rolesUnder } from '../campaign/reminders/officials.js';
import { createInvite, findInvite, redeemInvite, revokeInvite } from '../campaign/roles/invites.js';
import { ConsentRegistry } from '../privacy/consent.js';
import { handoffFiguresUnder } from '../community/progressSection.js';
import { purgeExpiredData } from '../jobs/retention.js';

/** The repositories, over one connection (or one pool). */
function repositories(db: Db) {
  const outbox = new Outbox(db);
  const relationOf = relationsFrom(db);
  return {
    persons: asyncMethods(new SqlitePersonRepository(db)),
    conversations: asyncMethods(new SqliteConversationRepository(db)),
    processedUpdates: asyncMethods(new SqliteProcessedUpdateRepository(db)),
    audit: asyncMethods(new AuditLog(db)),
    outbox: { ...asyncMethods(outbox), dropPendingReminders: lifted(db, dropPendingReminders) },
    turns: asyncMethods(new SqliteTurnLedger(db, outbox)),
    units: {
      getUnit: lifted(db, units.getUnit),
      allUnits: lifted(db, units.allUnits),
      childrenOf: lifted(db, units.childrenOf),
      countUnits: lifted(db, units.countUnits),
      communeNameExample: lifted(db, units.communeNameExample),
      ancestorCodes: lifted(db, units.ancestorCodes),
      saveUnits: lifted(db, units.saveUnits),
      rebuildClosure: lifted(db, units.rebuildClosure),
      findUnitsByName: lifted(db, findUnitsByName),
      /** How `from` stands to `to` in the tree (own, child, parent, sibling, …), for `can`. */
      relationOf: async (from: string, to: string) => relationOf(from, to),
    },
    campaigns: {
      saveCampaign: lifted(db, saveCampaign),
      campaignFor: lifted(db, campaignFor),
      storedCampaigns: lifted(db, storedCampaigns),
    },
    statistics: {
      saveStatistics: lifted(db, statistics.saveStatistics),
      savedPeriodsOf: lifted(db, statistics.savedPeriodsOf),
      periodCountsUnder: lifted(db, statistics.periodCountsUnder),
      childCountsUnder: lifted(db, statistics.childCountsUnder),
      childrenWithCountsUnder: lifted(db, statistics.childrenWithCountsUnder),
      rebuildRollup: lifted(db, rebuildRollup),
    },
    reports: {
      submitReport: lifted(db, reports.submitReport),
      reportOf: lifted(db, reports.reportOf),
      reportsForPeriod: lifted(db, reports.reportsForPeriod),
      weeklyReportsBetween: lifted(db, reports.weeklyReportsBetween),
      versionsOf: lifted(db, reports.versionsOf),
      draftOf: lifted(db, reports.draftOf),
      saveDraft: lifted(db, reports.saveDraft),
      deleteDraft: lifted(db, reports.deleteDraft),
      reportStatusForWeek: lifted(db, reportStatusForWeek),
      reportingUnitsUnder: lifted(db, reportingUnitsUnder),
      filingsUnder: lifted(db, filingsUnder),
      importedCountsFor: lifted(db, importedCountsFor),
    },
    roles: {
      grantRole: lifted(db, roles.grantRole),
      revokeRole: lifted(db, roles.revokeRole),
      rolesOf: lifted(db, roles.rolesOf),
      officialsOf: lifted(db, roles.officialsOf),
      withdrawRole: lifted(db, withdrawRole),
      holderOfInvite: lifted(db, holderOfInvite),
      personExists: lifted(db, personExists),
      rolesUnder: lifted(db, rolesUnder),
      campaignUnits: lifted(db, campaignUnits),
    },
    invites: {
      createInvite: lifted(db, createInvite),
      findInvite: lifted(db, findInvite),
      revokeInvite: lifted(db, revokeInvite),
      redeemInvite: lifted(db, redeemInvite),
    },
    consent: asyncMethods(new ConsentRegistry(db)),
    community: {
      handoffFiguresUnder: lifted(db, handoffFiguresUnder),
    },
    retention: {
      purgeExpiredData: lifted(db, purgeExpiredData),
    },
  };
}

export type Repositories = ReturnType<typeof repositories>;

export interface Store extends Repositories {
  /** A consistent copy of the live database (SQLite online backup), safe while the bot runs. */
  backup(destination: string): Promise<void>;
  /** True while the database answers; used by /healthz. */
  ping(): boolean;
  close(): void;
  /** TRANSITIONAL: the raw handle, for tests and the queries not yet moved into the store. */
  readonly db: Db;
  /** Typed queries (Kysely) on the same connection: the query layer shared with PostgreSQL. */
  readonly sql: Kysely<DB>;
}

/** The store on a database file (or `:memory:`): every repository over one connection. */
export function openStore(path: string): Store {
  const db = openDatabase(path);
  return {
    db,
    sql: sqliteKysely(db),
    ...repositories(db),
    backup: async (destination) => {
      await db.backup(destination);
    },
    ping: () => {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
