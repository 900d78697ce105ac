// Every repository over one Kysely instance: the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
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
import { claimTick, purgeTicksBefore } from './coordination/jobTicks.js';
import { schemaVersion } from './core/schemaVersion.js';
import { WebSessionRepository } from './web/sessions.js';

/** The repositories, over one connection (or one pool). */
export function repositories(sql: Kysely<DB>, options: { replicas?: boolean; outboxLeaseMs?: number } = {}) {
  const outbox = new Outbox(sql, {
    ...(options.replicas ? { replicas: true } : {}),
    ...(options.outboxLeaseMs ? { leaseMs: options.outboxLeaseMs } : {}),
  });
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
    /** The newest migration applied to the database. */
    schemaVersion: () => schemaVersion(sql),
    jobTicks: {
      /** True for exactly one replica per (job, tick): that one runs the job. */
      claim: (job: string, tick: string, at?: Date) => claimTick(sql, job, tick, at),
      purgeBefore: (iso: string) => purgeTicksBefore(sql, iso),
    },
    /** The web dashboard's one-time sign-in links and sessions. */
    webSessions: new WebSessionRepository(sql),
    zaloChoiceMenus: new ZaloChoiceMenuRepository(sql),
    zaloTokens: new ZaloOaTokenRepository(sql),
  };
}

export type Repositories = ReturnType<typeof repositories>;
