import { describe, expect, it } from 'vitest';
import { CampaignDefinitionSchema, type CampaignDefinitionInput } from '../../src/campaign/definition/schema.js';
import { planReminders, type Official } from '../../src/campaign/reminders/planner.js';
import type { ReminderRuleInput } from '../../src/campaign/reminders/rules.js';
import { dueNow, upcomingUntil } from '../../src/campaign/reminders/timing.js';
import type { Unit } from '../../src/campaign/units/types.js';
import { at } from './smallCampaign.js';

const unit = (code: string, name: string, kind: Unit['kind'], parentCode?: string): Unit => ({
  code,
  name,
  kind,
  ...(parentCode ? { parentCode } : {}),
  successorCodes: [],
});
const UNITS = [
  unit('P', 'Tỉnh Thử', 'province'),
  unit('P-D1', 'Huyện Một', 'district', 'P'),
  unit('P-D1-A', 'Xã An', 'commune', 'P-D1'),
  unit('P-D1-A-T', 'Tổ CĐS ấp 1', 'team', 'P-D1-A'),
];
const official = (personId: number, unitCode: string, role: Official['roles'][number]['role']): Official => ({
  personId,
  locale: 'vi',
  roles: [{ unitCode, role }],
  identities: [{ channel: 'telegram', externalId: String(personId) }],
});
const TEAM_RULE: ReminderRuleInput = {
  id: 'team-day-before',
  kind: 'reminder',
  to: { role: 'team_leader', unit_kinds: ['team'] },
  deadline: 'report',
  offset: { days: -1, at: '09:00' },
  message: 'teamDayBefore',
};

function plan(definition: Partial<CampaignDefinitionInput>, officials: Official[], submitted: string[], now: Date) {
  const campaign = CampaignDefinitionSchema.parse({
    id: 'thu',
    root: 'P',
    starts_on: '2023-11-27',
    ends_on: '2023-12-22',
    ...definition,
  });
  return planReminders(
    { campaign, units: UNITS, officials, reports: { submittedUnits: async () => new Set(submitted) } },
    dueNow(now),
  );
}

describe('the reminder planner', () => {
  it('reminds a team leader while the commune the team reports through has not reported', async () => {
    const leader = official(7, 'P-D1-A-T', 'team_leader');
    const due = await plan({ reminders: { rules: [TEAM_RULE] } }, [leader], [], at('2023-12-07T09:00'));
    expect(due.map((r) => [r.key, r.units.map((u) => u.name)])).toEqual([['team-day-before:7:thu/report/2023-12-08', ['Xã An']]]);
    expect(await plan({ reminders: { rules: [TEAM_RULE] } }, [leader], ['P-D1-A'], at('2023-12-07T09:00'))).toEqual([]);
  });

  it('reminds the head of a unit only when the unit has no reporter', async () => {
    const head = official(1, 'P-D1-A', 'head');
    const reporter = official(2, 'P-D1-A', 'reporter');
    const thursday = at('2023-12-07T16:00');
    expect(
      (await plan({}, [head], [], thursday))
        .filter((r) => r.units.some((u) => u.code === 'P-D1-A'))
        .map((r) => r.official.personId),
    ).toEqual([1]);
    expect((await plan({}, [head, reporter], [], thursday)).map((r) => r.official.personId)).toEqual([2]);
  });

  it('plans the final report from its own deadline', async () => {
    const reporter = official(2, 'P-D1-A', 'reporter');
    const due = await plan(
      { deadlines: { final_report: { date: '2024-01-10', time: '17:00' } } },
      [reporter],
      [],
      at('2024-01-10T15:00'),
    );
    // The day-before one still counts: a scheduler that was down since yesterday sends it now.
    expect(due.map((r) => r.key)).toEqual([
      'day-before:2:thu/report/final-2024-01-10',
      'two-hours-before:2:thu/report/final-2024-01-10',
    ]);
    expect(due.map((r) => r.timing.expiresAt)).toEqual([at('2024-01-10T17:00'), at('2024-01-10T17:00')]);
  });

  it('shows what is coming but leaves out what has already gone', async () => {
    const reporter = official(2, 'P-D1-A', 'reporter');
    const campaign = CampaignDefinitionSchema.parse({ id: 'thu', root: 'P', starts_on: '2023-11-27', ends_on: '2023-12-22' });
    const now = at('2023-12-08T09:00');
    const coming = await planReminders(
      { campaign, units: UNITS, officials: [reporter], reports: { submittedUnits: async () => new Set<string>() } },
      upcomingUntil(now, at('2023-12-15T09:00')),
    );
    expect(coming.map((r) => [r.rule.id, r.timing.notBefore.toISOString()])).toEqual([
      ['overdue', at('2023-12-08T10:05').toISOString()],
      ['day-before', at('2023-12-14T16:00').toISOString()],
      ['two-hours-before', at('2023-12-15T08:00').toISOString()],
    ]);
  });
});
