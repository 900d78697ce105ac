// The campaign calendar as the reminders see it: each reporting round (every week's report
// and compile deadlines, then the final ones), taken from the reporting periods the weekly
// report uses, so a reminder always names the period /baocao files.
import type { CampaignDefinition } from '../definition/schema.js';
import { finalPeriodOf, reportingWeeks, type ReportKind } from '../reports/week.js';

export type DeadlineName = 'report' | 'compile';

export interface ReportingRound {
  kind: ReportKind;
  /** The province day of the report deadline: which reports the round is about. */
  day: string;
  report: Date;
  compile: Date;
}

export interface Deadline {
  campaignId: string;
  round: ReportingRound;
  name: DeadlineName;
  at: Date;
  /** Stable text for idempotency keys: `campaign/report/2023-12-08`. */
  key: string;
}

export function reportingRounds(campaign: CampaignDefinition): ReportingRound[] {
  const rounds: ReportingRound[] = reportingWeeks(campaign).map((w) => ({
    kind: 'weekly',
    day: w.deadlineDay,
    report: w.deadline,
    compile: w.compileDeadline,
  }));
  const final = finalPeriodOf(campaign);
  if (final) rounds.push({ kind: 'final', day: final.deadlineDay, report: final.deadline, compile: final.compileDeadline });
  return rounds;
}

export function deadlineOf(campaignId: string, round: ReportingRound, name: DeadlineName): Deadline {
  const at = name === 'report' ? round.report : round.compile;
  // The final round's key names its kind: its day could coincide with a weekly deadline.
  const day = round.kind === 'final' ? `final-${round.day}` : round.day;
  return { campaignId, round, name, at, key: `${campaignId}/${name}/${day}` };
}
