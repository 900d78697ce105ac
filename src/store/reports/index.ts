// The reports member of the store: reports and their versions, the form's drafts, the
// units that must report, and the system's figures the form offers.
import type { Kysely } from 'kysely';
import { importedCountsFrom } from '../../campaign/reports/imported.js';
import type { Counts } from '../../campaign/kpi.js';
import type { DB } from '../schema.js';
import { draftQueries } from './drafts.js';
import { reportingUnitQueries } from './reportingUnits.js';
import { reportQueries } from './reports.js';
import { statisticSpanQueries } from './statisticSpans.js';

/** Every query of the weekly and final reports, over one Kysely connection (or pool). */
export function reportRepository(db: Kysely<DB>) {
  const reports = reportQueries(db);
  const spans = statisticSpanQueries(db);
  return {
    ...reports,
    ...draftQueries(db),
    ...reportingUnitQueries(db, reports),
    ...spans,
    /** The system's counts for the whole period, or undefined when it does not cover all of it. */
    async importedCountsFor(unitCode: string, period: { from: string; to: string }): Promise<Counts | undefined> {
      return importedCountsFrom(await spans.statisticSpansWithin(unitCode, period), period);
    },
  };
}
