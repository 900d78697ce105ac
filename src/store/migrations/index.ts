// Numbered migrations, applied in order at start. Add a file and list it here; never edit
// one that has shipped.
import core from './001_core.js';
import campaign from './002_campaign.js';
import guides from './003_guides.js';
import zalo from './004_zalo.js';
import trust from './005_trust.js';
import outbox from './006_outbox.js';
import reports from './007_reports.js';
import reminders from './008_reminders.js';
import community from './009_community.js';
import privacy from './010_privacy.js';
import statisticRollup from './011_statistic_rollup.js';
import inviteGuard from './012_invite_guard.js';
import outboxSubject from './013_outbox_subject.js';
import communityRollup from './014_community_rollup.js';
import jobTick from './015_job_tick.js';
import outboxLease from './016_outbox_lease.js';
import floodCount from './017_flood_count.js';
import outboxClaimant from './018_outbox_claimant.js';
import webSession from './019_web_session.js';
import webNotice from './020_web_notice.js';
import unitKindBelow from './021_unit_kind_below.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  core,
  campaign,
  guides,
  zalo,
  trust,
  outbox,
  reports,
  reminders,
  community,
  privacy,
  statisticRollup,
  inviteGuard,
  outboxSubject,
  communityRollup,
  jobTick,
  outboxLease,
  floodCount,
  outboxClaimant,
  webSession,
  webNotice,
  unitKindBelow,
];
