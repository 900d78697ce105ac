import { describe, expect, it } from 'vitest';
import { readCampaignFile } from '../../src/campaign/definition/loadFile.js';
import { CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import { DEFAULT_REMINDER_RULES, reminderRulesOf, type ReminderRuleInput } from '../../src/campaign/reminders/rules.js';
import { Texts } from '../../src/i18n/index.js';
import { projectPath } from '../../src/paths.js';
import { openSmallCampaign } from './smallCampaign.js';

const base = { id: 'thu', root: 'P', starts_on: '2023-11-27', ends_on: '2023-12-22' };
const problems = (input: unknown) => {
  const parsed = CampaignDefinitionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('reminder rules in the campaign definition', () => {
  it('uses the plan’s rhythm when a campaign names no rules', () => {
    const rules = reminderRulesOf(CampaignDefinitionSchema.parse(base));
    expect(rules.map((r) => [r.id, r.kind, r.to.role, r.deadline, r.offset, r.essential])).toEqual([
      ['day-before', 'reminder', 'reporter', 'report', { days: -1, at: '16:00' }, false],
      ['two-hours-before', 'reminder', 'reporter', 'report', { minutes: -120 }, false],
      ['overdue', 'reminder', 'reporter', 'report', { minutes: 5 }, true],
      ['head-missing', 'escalation', 'head', 'report', { minutes: 5 }, true],
      ['compiler-missing', 'escalation', 'compiler', 'compile', { minutes: 0 }, true],
      ['team-day-before', 'reminder', 'team_leader', 'report', { days: -1, at: '09:00' }, false],
      ['team-member-day-before', 'reminder', 'team_member', 'report', { days: -1, at: '09:00' }, false],
    ]);
  });

  it('reads the demo campaign file with its reminders section, team leaders included', async () => {
    const outcome = await readCampaignFile(projectPath('data', 'campaign.demo.yaml'));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const rules = reminderRulesOf(outcome.definition);
    expect(rules.map((r) => r.id)).toEqual([
      'day-before',
      'two-hours-before',
      'overdue',
      'head-missing',
      'compiler-missing',
      'team-day-before',
      'team-member-day-before',
    ]);
    // Held on a commune (the shipped unit lists have no team units) or on a team unit.
    expect(rules.find((r) => r.id === 'team-day-before')).toEqual(
      expect.objectContaining({ to: { role: 'team_leader', unit_kinds: ['commune', 'team'] }, rounds: ['weekly'] }),
    );
  });

  it('keeps the rules through the store, where definitions are saved as JSON and parsed again', async () => {
    const custom: ReminderRuleInput[] = [
      {
        id: 'sang-thu-sau',
        kind: 'reminder',
        to: { role: 'reporter' },
        deadline: 'report',
        offset: { days: 0, at: '07:30' },
        message: 'hoursBefore',
      },
    ];
    const campaign = await openSmallCampaign({ definition: { reminders: { rules: custom } } });
    const stored = (await campaign.store.campaigns.campaignFor('P-D1-A', '2023-12-08'))!;
    expect(reminderRulesOf(stored)).toEqual([{ ...custom[0], rounds: ['weekly', 'final'], essential: false }]);
    await campaign.close();
  });

  it('says what to fix in a rule that cannot work', () => {
    const rule = (changes: object) => ({ ...base, reminders: { rules: [{ ...DEFAULT_REMINDER_RULES[0], ...changes }] } });
    expect(problems(rule({ offset: { minutes: -120, at: '16:00' } }))).toEqual([
      'reminders.rules.0.offset: give either minutes (e.g. { minutes: -120 }) or a day and a time (e.g. { days: -1, at: "16:00" })',
    ]);
    expect(problems(rule({ offset: { days: -1 } }))).toEqual([
      'reminders.rules.0.offset: a day offset needs both days and at, e.g. { days: -1, at: "16:00" }',
    ]);
    expect(problems(rule({ offset: { days: -1, at: '4pm' } }))).toEqual([
      'reminders.rules.0.offset.at: expected a time as HH:MM, e.g. 16:00',
    ]);
    expect(problems(rule({ to: { role: 'chairman' } }))[0]).toMatch(
      /^reminders\.rules\.0\.to\.role: expected one of reporter, head, team_leader/,
    );
    expect(problems(rule({ deadline: 'weekly' }))).toEqual(['reminders.rules.0.deadline: expected report or compile']);
    expect(problems({ ...base, reminders: { rules: [DEFAULT_REMINDER_RULES[0], DEFAULT_REMINDER_RULES[0]] } })).toEqual([
      'reminders.rules.1.id: rule id "day-before" is used twice',
    ]);
  });

  it('has every default message, and the team leaders’ one, in Vietnamese and English', () => {
    const texts = Texts.load('vi');
    for (const message of [...DEFAULT_REMINDER_RULES.map((r) => r.message), 'teamDayBefore'])
      for (const locale of ['vi', 'en'] as const)
        expect(texts.has(`reminders:messages.${message}`, locale), `${locale} ${message}`).toBe(true);
  });
});
