// Consent per optional purpose (Law 91/2025, Decree 356/2025): asked separately, never
// assumed, and withdrawn as easily as given.
import { z } from 'zod';
import type { Db } from '../store/database.js';

export const CONSENT_PURPOSES = ['reminders', 'outcome_stats'] as const;
export const ConsentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export interface ConsentDecision {
  purpose: ConsentPurpose;
  granted: boolean;
  decidedAt: string;
}

export class ConsentRegistry {
  private readonly upsert;
  private readonly select;
  private readonly list;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO consent (person_id, purpose, granted, decided_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(person_id, purpose) DO UPDATE SET granted = excluded.granted, decided_at = excluded.decided_at`,
    );
    this.select = db.prepare<[number, string], { granted: number }>(
      'SELECT granted FROM consent WHERE person_id = ? AND purpose = ?',
    );
    this.list = db.prepare<[number], { purpose: string; granted: number; decided_at: string }>(
      'SELECT purpose, granted, decided_at FROM consent WHERE person_id = ? ORDER BY purpose',
    );
  }

  decide(personId: number, purpose: ConsentPurpose, granted: boolean, at: Date): void {
    this.upsert.run(personId, purpose, granted ? 1 : 0, at.toISOString());
  }

  /** Only an explicit "yes" counts. */
  granted(personId: number, purpose: ConsentPurpose): boolean {
    return this.select.get(personId, purpose)?.granted === 1;
  }

  /** An explicit "no" (not asking yet is not a refusal). */
  refused(personId: number, purpose: ConsentPurpose): boolean {
    return this.select.get(personId, purpose)?.granted === 0;
  }

  decisions(personId: number): ConsentDecision[] {
    return this.list
      .all(personId)
      .map((r) => ({ purpose: r.purpose as ConsentPurpose, granted: r.granted === 1, decidedAt: r.decided_at }));
  }
}
