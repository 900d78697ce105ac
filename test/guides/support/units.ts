// The real Bến Tre (2023) and Vĩnh Long (2025) unit lists, loaded with the campaign's importer.
import { readFileSync } from 'node:fs';
import { importUnitTable } from '../../../src/campaign/units/importUnits.js';
import { readCsvTable } from '../../../src/campaign/sourceTable/csv.js';
import { projectPath } from '../../../src/paths.js';
import type { Store } from '../../../src/store/index.js';

export async function loadUnits(
  store: Pick<Store, 'units'>,
  file: 'ben-tre-2023-units.csv' | 'vinh-long-2025-units.csv',
): Promise<void> {
  const outcome = await importUnitTable(store, readCsvTable(readFileSync(projectPath('data', 'units', file), 'utf8')));
  if (!outcome.ok) throw new Error(`units did not load: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
}
