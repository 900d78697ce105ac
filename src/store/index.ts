// The store the composition root hands out: every repository over one database. Domain
// modules, channels and commands reach the data only through these repositories.
import type { Kysely } from 'kysely';
import { type Db, openDatabase } from './database.js';
import type { DB } from './schema.js';
import { sqliteKysely } from './sqlite/kysely.js';
import { KyselyPersonRepository } from './core/persons.js';
import { KyselyConversationRepository } from './core/conversations.js';
import { KyselyProcessedUpdateRepository } from './core/processedUpdates.js';
import { KyselyTurnLedger } from './core/turnLedger.js';
import { AuditLog } from './core/audit.js';
import { Outbox } from './core/outbox.js';
import { RetentionRepository } from './jobs/retention.js';
import { ZaloChoiceMenuRepository } from './zalo/choiceMenus.js';
import { ZaloOaTokenRepository } from './zalo/oaTokens.js';
import { reportRepository } from './reports/index.js';
import { KyselyRoleRepository } from './roles/personRoles.js';
import { KyselyInviteRepository } from './roles/invites.js';
import { KyselyInviteGuardStore } from './roles/inviteGuard.js';
import { KyselyReminderPauses } from './reminders/pauses.js';
import { KyselyReminderQueue } from './reminders/queue.js';
import { storedCampaigns } from './reminders/campaigns.js';
import { HelpContactRepository } from './guides/helpContacts.js';
import { GuideOutcomeRepository } from './guides/outcomes.js';
import { ConsentRepository } from './privacy/consent.js';
import { PersonDataRepository } from './privacy/personData.js';
import { TicketRepository } from './community/tickets.js';
import { TeamRosterRepository } from './community/roster.js';
import { HouseholdCoverageRepository } from './community/households.js';
import { CommunityFigures } from './community/figures.js';
import { rebuildCommunityRollups } from './community/rollup.js';
import { UnitRepository } from './units/repository.js';
import { CampaignRepository } from './campaigns/repository.js';
import { StatisticsRepository } from './statistics/repository.js';
import { rebuildStatisticRollup } from './statistics/rollup.js';

/** The repositories, over one connection (or one pool). */
function repositories(sql: Kysely<DB>) {
  const outbox = new Outbox(sql);
  const campaigns = new CampaignRepository(sql);
  return {
    persons: new KyselyPersonRepository(sql),
    conversations: new KyselyConversationRepository(sql),
    processedUpdates: new KyselyProcessedUpdateRepository(sql),
    audit: new AuditLog(sql),
    outbox,
    turns: new KyselyTurnLedger(sql, outbox),
    // A change of the tree rebuilds every roll-up over it in the same transaction.
    units: new UnitRepository(sql, [rebuildStatisticRollup, rebuildCommunityRollups]),
    campaigns: {
      saveCampaign: campaigns.saveCampaign.bind(campaigns),
      campaignFor: campaigns.campaignFor.bind(campaigns),
      storedCampaigns: () => storedCampaigns(sql),
    },
    statistics: new StatisticsRepository(sql, new AuditLog(sql)),
    reports: reportRepository(sql),
    roles: new KyselyRoleRepository(sql),
    invites: new KyselyInviteRepository(sql),
    inviteGuard: new KyselyInviteGuardStore(sql),
    reminderPauses: new KyselyReminderPauses(sql),
    reminderQueue: new KyselyReminderQueue(sql),
    consent: new ConsentRepository(sql),
    helpContacts: new HelpContactRepository(sql),
    guideOutcomes: new GuideOutcomeRepository(sql),
    personalData: new PersonDataRepository(sql),
    community: new CommunityFigures(sql),
    tickets: new TicketRepository(sql),
    roster: new TeamRosterRepository(sql),
    households: new HouseholdCoverageRepository(sql),
    retention: new RetentionRepository(sql),
    zaloChoiceMenus: new ZaloChoiceMenuRepository(sql),
    zaloTokens: new ZaloOaTokenRepository(sql),
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
  const sql = sqliteKysely(db);
  return {
    db,
    sql,
    ...repositories(sql),
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
