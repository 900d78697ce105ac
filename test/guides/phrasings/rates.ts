// The table of phrasing rates in docs/guides.md, written by `npm run guides:rates` and
// checked by the phrasing test, so the document always says what the sets give today.
import { readFileSync, writeFileSync } from 'node:fs';
import { projectPath } from '../../../src/paths.js';
import type { Flow } from '../../../src/flows/schema.js';
import { PHRASING_SETS, readPhrasings, score } from './evaluate.js';

const DOC = projectPath('docs', 'guides.md');
const START = '<!-- phrasing-rates:start (npm run guides:rates) -->';
const END = '<!-- phrasing-rates:end -->';

const ROLE: Record<keyof typeof PHRASING_SETS, string> = {
  tuning: 'tuning: the keywords were fitted to it',
  tuning2: 'tuning: a second writer, fitted to after the first held-out measurement',
  tuning3: 'tuning: a third writer, fitted to after the second held-out measurement',
  tuning4: 'tuning: a fourth writer, fitted to after the third held-out measurement',
  heldOut: '**held out**: committed before the keywords, never edited, its misses never read',
};

const percent = (n: number) => `${(100 * n).toFixed(1).replace('.', ',')}%`;

export function ratesTable(flows: readonly Flow[]): string {
  const rows = (Object.keys(PHRASING_SETS) as (keyof typeof PHRASING_SETS)[]).map((set) => {
    const s = score(flows, readPhrasings(set));
    return `| \`${PHRASING_SETS[set]}\` | ${ROLE[set]} | ${s.total} | ${s.hits} | ${percent(s.hits / s.total)} |`;
  });
  return ['| set | role | questions | answered first | rate |', '| --- | --- | ---: | ---: | ---: |', ...rows].join('\n');
}

/** docs/guides.md split around the generated table. */
function splitDoc(): { before: string; table: string; after: string } {
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${DOC}: the markers ${START} … ${END} are missing`);
  return { before: doc.slice(0, from + START.length), table: doc.slice(from + START.length, to).trim(), after: doc.slice(to) };
}

/** The table as docs/guides.md has it now. */
export function documentedTable(): string {
  return splitDoc().table;
}

export function writeRatesTable(flows: readonly Flow[]): string {
  const { before, after } = splitDoc();
  const table = ratesTable(flows);
  writeFileSync(DOC, `${before}\n${table}\n${after}`);
  return table;
}
