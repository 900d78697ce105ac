// A small province for reminder tests: one department that files its own report, the
// compiling department, one district with two communes and a community team, a few
// officials on Telegram (one also on Zalo), and helpers to file reports and read the outbox.
import type { ChannelName, Reply } from '../../src/bot/types.js';
import { CampaignDefinitionSchema, type CampaignDefinitionInput } from '../../src/campaign/definition/schema.js';
import { periodForDeadlineDay } from '../../src/campaign/reports/week.js';
import type { Role } from '../../src/campaign/roles/types.js';
import type { Unit } from '../../src/campaign/units/types.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore, type TestDatabase } from '../support/testStore.js';

export const CAMPAIGN_ID = 'thu-nghiem';
/** Friday 8 December 2023: the week the tests live in. */
export const DEADLINE_DAY = '2023-12-08';
export const at = (local: string): Date => new Date(`${local}+07:00`);

const UNITS: Unit[] = [
  { code: 'P', name: 'Tỉnh Thử', kind: 'province', successorCodes: [] },
  { code: 'P-SO', name: 'Sở Y tế', kind: 'department', parentCode: 'P', successorCodes: [] },
  { code: 'P-TTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department', parentCode: 'P', successorCodes: [] },
  { code: 'P-D1', name: 'Huyện Một', kind: 'district', parentCode: 'P', successorCodes: [] },
  { code: 'P-D1-A', name: 'Xã An', kind: 'commune', parentCode: 'P-D1', successorCodes: [] },
  { code: 'P-D1-B', name: 'Xã Bình', kind: 'commune', parentCode: 'P-D1', successorCodes: [] },
  { code: 'P-D1-A-T', name: 'Tổ CĐS ấp 1', kind: 'team', parentCode: 'P-D1-A', successorCodes: [] },
];

export interface SmallCampaign {
  store: Store;
  /** Person ids by name. */
  people: Record<OfficialName, number>;
  fileReport(unitCode: string, moment: Date): Promise<void>;
  close(): Promise<void>;
}

export type OfficialName = 'reporterA' | 'reporterB' | 'headSo' | 'headD1' | 'reporterTttt' | 'compiler' | 'teamLeader';

const OFFICIALS: { name: OfficialName; unit: string; role: Role; channels: ChannelName[] }[] = [
  { name: 'reporterA', unit: 'P-D1-A', role: 'reporter', channels: ['telegram', 'zalo_bot'] },
  { name: 'reporterB', unit: 'P-D1-B', role: 'reporter', channels: ['telegram'] },
  // Sở Y tế and Huyện Một have no reporter: their heads are reminded instead.
  { name: 'headSo', unit: 'P-SO', role: 'head', channels: ['telegram'] },
  { name: 'headD1', unit: 'P-D1', role: 'head', channels: ['telegram'] },
  { name: 'reporterTttt', unit: 'P-TTTT', role: 'reporter', channels: ['telegram'] },
  { name: 'compiler', unit: 'P-TTTT', role: 'compiler', channels: ['telegram'] },
  { name: 'teamLeader', unit: 'P-D1-A-T', role: 'team_leader', channels: ['telegram'] },
];

export async function openSmallCampaign(
  options: { database?: TestDatabase; definition?: Partial<CampaignDefinitionInput>; fresh?: boolean } = {},
): Promise<SmallCampaign> {
  // On a database the test keeps (to open it again, as after a restart), else on a fresh store.
  const store = options.database ? await options.database.open() : await openTestStore();
  const definition = CampaignDefinitionSchema.parse({
    id: CAMPAIGN_ID,
    root: 'P',
    starts_on: '2023-11-27',
    ends_on: '2023-12-22',
    compiled_by: 'P-TTTT',
    ...options.definition,
  });
  const people = {} as Record<OfficialName, number>;
  if (options.fresh !== false) {
    await store.units.saveUnits(UNITS.map((unit) => ({ unit, predecessorCodes: [] })));
    await store.campaigns.saveCampaign(definition, at('2023-11-20T08:00'));
  }
  for (const official of OFFICIALS) {
    const [first, ...more] = official.channels;
    const { person } = await store.persons.findOrCreate({ channel: first!, externalId: `${official.name}@${first}` }, 'vi');
    for (const channel of more) await store.persons.link(person.id, { channel, externalId: `${official.name}@${channel}` });
    await store.roles.grantRole(person.id, official.unit, official.role, at('2023-11-20T08:00'));
    people[official.name] = person.id;
  }
  return {
    store,
    people,
    async fileReport(unitCode, moment) {
      const period = periodForDeadlineDay(definition, 'weekly', DEADLINE_DAY)!;
      const figures = {
        receivedTotal: 10,
        receivedOnline: 6,
        digitized: 10,
        feeDossiers: 4,
        paidOnline: 2,
        accountsHelped: 3,
        paymentsHelped: 1,
        difficulties: '',
        proposals: '',
      };
      await store.reports.submitReport({ unitCode, period, figures, personId: people.reporterA, at: moment });
    },
    close: () => store.close(),
  };
}

export interface OutboxRow {
  key: string;
  channel: string;
  externalId: string;
  purpose: string;
  text: string;
  replies: Reply[];
  notBefore: string;
  expiresAt: string | null;
  createdAt: string;
}

export async function outboxRows(store: Store): Promise<OutboxRow[]> {
  const rows = await store.sql
    .selectFrom('outbox_message')
    .select(['idempotency_key', 'channel', 'external_id', 'purpose', 'payload', 'not_before', 'expires_at', 'created_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const replies = JSON.parse(r.payload) as Reply[];
    return {
      key: r.idempotency_key,
      channel: r.channel,
      externalId: r.external_id,
      purpose: r.purpose,
      text: replies.map((x) => x.text).join('\n'),
      replies,
      notBefore: r.not_before,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
    };
  });
}

/** `2023-12-07T16:00:00.000Z`-style ISO text for a province-time moment. */
export const iso = (local: string): string => at(local).toISOString();
