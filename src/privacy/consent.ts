// Consent per optional purpose (Law 91/2025, Decree 356/2025): asked separately, never
// assumed, and withdrawn as easily as given. The decisions are kept by store.consent.
import { z } from 'zod';

export const CONSENT_PURPOSES = ['reminders', 'outcome_stats'] as const;
export const ConsentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export interface ConsentDecision {
  purpose: ConsentPurpose;
  granted: boolean;
  decidedAt: string;
}
