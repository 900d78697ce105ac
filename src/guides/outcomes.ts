// How guides end, counted per day, guide, commune and outcome (by store.guideOutcomes).
// Only counts are kept: nothing here can tell who the person was.
import { z } from 'zod';
import { zonedParts } from '../i18n/format.js';

export const GUIDE_OUTCOMES = ['worked', 'stuck', 'gave_up'] as const;
export type GuideOutcome = (typeof GUIDE_OUTCOMES)[number];
export const GuideOutcomeSchema = z.enum(GUIDE_OUTCOMES);

/** The province's calendar day of a moment, as YYYY-MM-DD. */
export function provinceDay(at: Date): string {
  const p = zonedParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

export interface OutcomeEvent {
  guide: string;
  outcome: GuideOutcome;
  /** The commune the person chose in this guide, if any. */
  unitCode?: string;
  at: Date;
}

export interface OutcomeCount {
  guide: string;
  /** Undefined for people who chose no commune. */
  unitCode?: string;
  outcome: GuideOutcome;
  count: number;
}

export interface OutcomeFilter {
  /** Inclusive days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Only communes beneath this unit (and the unit itself). */
  under?: string;
}
