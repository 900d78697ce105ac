// The reminder planner: from the campaign, its tree, its officials and who has reported,
// the reminders that fall in a time window. It reads nothing itself: the scheduler and
// /nhacnho feed it what the store holds (asynchronously) and the moment they care about.
import { scopesFor } from '../access.js';
import type { CampaignDefinition } from '../definition/schema.js';
import type { Role } from '../roles/types.js';
import type { Unit } from '../units/types.js';
import type { Locale } from '../../i18n/format.js';
import type { ChannelIdentity } from '../../store/repositories.js';
import { type Deadline, deadlineOf, reportingRounds } from './calendar.js';
import { cachedReportStatus, type ReportStatusSource } from './reportStatus.js';
import { type ReminderRule, reminderRulesOf } from './rules.js';
import { type ReminderTiming, type TimingWindow, timingOf } from './timing.js';
import { byKindThenName, ReminderUnitTree } from './unitTree.js';

export interface Official {
  personId: number;
  locale: Locale;
  roles: readonly { unitCode: string; role: Role }[];
  /** Where the person can be reached now. */
  identities: readonly ChannelIdentity[];
}

export interface ReminderPlanInput {
  campaign: CampaignDefinition;
  /** The campaign's tree: its root and every unit below it. */
  units: readonly Unit[];
  officials: readonly Official[];
  reports: ReportStatusSource;
  /** Whether the person had paused non-essential reminders at that moment. */
  isPaused?: (personId: number, at: Date) => boolean | Promise<boolean>;
}

export interface PlannedReminder {
  /** `rule:person:deadline`: the same reminder is planned under the same key every time. */
  key: string;
  rule: ReminderRule;
  deadline: Deadline;
  official: Official;
  timing: ReminderTiming;
  /** reminder: the person's units still to report; escalation: the reports still missing. */
  units: Unit[];
  /** Non-essential and paused by the person: shown by /nhacnho, never sent. */
  paused: boolean;
}

interface RuleOccurrence {
  rule: ReminderRule;
  deadline: Deadline;
  timing: ReminderTiming;
}

/** A campaign's rules over its whole calendar; computed once per parsed definition. */
const calendarOf = new WeakMap<CampaignDefinition, RuleOccurrence[]>();

function allOccurrences(campaign: CampaignDefinition): RuleOccurrence[] {
  let all = calendarOf.get(campaign);
  if (all) return all;
  all = [];
  const rules = reminderRulesOf(campaign);
  for (const round of reportingRounds(campaign))
    for (const rule of rules) {
      if (!rule.rounds.includes(round.kind)) continue;
      const deadline = deadlineOf(campaign.id, round, rule.deadline);
      const timing = timingOf(rule.offset, deadline, campaign.quiet_hours);
      if (timing) all.push({ rule, deadline, timing });
    }
  calendarOf.set(campaign, all);
  return all;
}

/** Each rule's reminder for each deadline of the campaign that falls in the window. */
export function ruleOccurrences(campaign: CampaignDefinition, within: TimingWindow): RuleOccurrence[] {
  return allOccurrences(campaign).filter((o) => within.includes(o.timing));
}

export async function planReminders(input: ReminderPlanInput, within: TimingWindow): Promise<PlannedReminder[]> {
  const tree = new ReminderUnitTree(input.units);
  const reports = cachedReportStatus(input.reports);
  const planned: PlannedReminder[] = [];
  for (const { rule, deadline, timing } of ruleOccurrences(input.campaign, within)) {
    const { round } = deadline;
    const submitted = await reports.submittedUnits(round.kind, round.day);
    const recipients =
      rule.kind === 'reminder'
        ? ownReportsDue(rule, tree, input.officials, round.day, submitted)
        : missingReports(rule, tree, input.officials, round.day, submitted);
    for (const [official, units] of recipients) {
      const paused = !rule.essential && ((await input.isPaused?.(official.personId, timing.notBefore)) ?? false);
      planned.push({
        key: `${rule.id}:${official.personId}:${deadline.key}`,
        rule,
        deadline,
        official,
        timing,
        units: [...units].sort(byKindThenName),
        paused,
      });
    }
  }
  return planned.sort((a, b) => a.timing.notBefore.getTime() - b.timing.notBefore.getTime() || a.key.localeCompare(b.key));
}

type Recipients = Map<Official, Set<Unit>>;

function add(recipients: Recipients, official: Official, unit: Unit): void {
  const units = recipients.get(official) ?? new Set<Unit>();
  units.add(unit);
  recipients.set(official, units);
}

/** Roles matching the rule, held on units of the tree (and of the named kinds). */
function holdersOf(
  rule: ReminderRule,
  tree: ReminderUnitTree,
  officials: readonly Official[],
): { official: Official; unit: Unit }[] {
  const holders: { official: Official; unit: Unit }[] = [];
  for (const official of officials)
    for (const held of official.roles) {
      if (held.role !== rule.to.role) continue;
      const unit = tree.get(held.unitCode);
      if (unit && (!rule.to.unit_kinds || rule.to.unit_kinds.includes(unit.kind))) holders.push({ official, unit });
    }
  return holders;
}

/**
 * A reporting unit that has not reported reminds its reporters, or its head when it has no
 * reporter. Other roles (a team leader) are reminded while the reporting unit they answer
 * through has not reported.
 */
function ownReportsDue(
  rule: ReminderRule,
  tree: ReminderUnitTree,
  officials: readonly Official[],
  day: string,
  submitted: ReadonlySet<string>,
): Recipients {
  const recipients: Recipients = new Map();
  if (rule.to.role === 'reporter') {
    const onUnit = (unitCode: string, role: Role) =>
      officials.filter((o) => o.roles.some((r) => r.unitCode === unitCode && r.role === role));
    for (const unit of tree.reportingOn(day)) {
      if (submitted.has(unit.code) || (rule.to.unit_kinds && !rule.to.unit_kinds.includes(unit.kind))) continue;
      const reporters = onUnit(unit.code, 'reporter');
      for (const official of reporters.length ? reporters : onUnit(unit.code, 'head')) add(recipients, official, unit);
    }
    return recipients;
  }
  for (const { official, unit } of holdersOf(rule, tree, officials)) {
    const answersThrough = tree.reportingUnitFor(unit.code, day);
    if (answersThrough && !submitted.has(answersThrough.code)) add(recipients, official, answersThrough);
  }
  return recipients;
}

/** Who oversees what follows the access rules for report status: a head their own unit and below, the compiler everything. */
function missingReports(
  rule: ReminderRule,
  tree: ReminderUnitTree,
  officials: readonly Official[],
  day: string,
  submitted: ReadonlySet<string>,
): Recipients {
  const recipients: Recipients = new Map();
  const missing = tree.reportingOn(day).filter((u) => !submitted.has(u.code));
  for (const { official, unit } of holdersOf(rule, tree, officials)) {
    const everywhere = scopesFor([{ role: rule.to.role, unitCode: unit.code }], 'report.status') === 'anywhere';
    for (const candidate of missing)
      if (everywhere || tree.isWithin(candidate.code, unit.code)) add(recipients, official, candidate);
  }
  return recipients;
}
