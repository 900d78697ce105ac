// Demo data for a local trial: the Bến Tre 2023 tree, a campaign and statistics go into an
// empty store, with the Vĩnh Long 2025 tree beside it so /hotro answers with today's
// communes and finds the old ones by name; each start also makes fresh one-day codes so a tester can act as an
// official (/dangky CODE) and see /tiendo, /baocao, /tonghop and the reminders. The codes
// are returned to be printed on the trial's own terminal: never logged.
import type { Runtime } from './runtime.js';
import { readFileSync } from 'node:fs';
import { seedDemoData } from './campaign/demo.js';
import { importUnitTable } from './campaign/units/importUnits.js';
import { readCsvTable } from './campaign/sourceTable/csv.js';
import { projectPath } from './paths.js';
import type { Role } from './campaign/roles/types.js';

export interface DemoLogger {
  info(obj: object, msg?: string): void;
}

export interface DemoInvite {
  code: string;
  role: Role;
  unitName: string;
}

/** Today's province, whose communes carry the old Bến Tre ones (`predecessor_codes`). */
const CURRENT_UNITS_FILE = projectPath('data', 'units', 'vinh-long-2025-units.csv');

const DEMO_OFFICIALS: { unit: string; role: Role }[] = [
  { unit: 'BT-BATRI-TANMY', role: 'reporter' },
  { unit: 'BT-BATRI', role: 'head' },
  { unit: 'BT-SO-TTTT', role: 'compiler' },
];

export async function seedDemo(runtime: Runtime, logger: DemoLogger): Promise<DemoInvite[]> {
  const { store } = runtime;
  if (await seedDemoData(store, runtime.now())) {
    const current = await importUnitTable(store, readCsvTable(readFileSync(CURRENT_UNITS_FILE, 'utf8')));
    if (!current.ok) throw new Error(`unit list ${CURRENT_UNITS_FILE} is broken: ${JSON.stringify(current.issues.slice(0, 3))}`);
    logger.info({}, 'demo data loaded: the 2023 and 2025 unit trees, a demo campaign and daily statistics');
  }
  const invites: DemoInvite[] = [];
  for (const { unit, role } of DEMO_OFFICIALS) {
    const found = await store.units.getUnit(unit);
    if (!found) continue;
    const { code } = await store.invites.createInvite(unit, role, runtime.now(), 1, { source: 'demo' });
    invites.push({ code, role, unitName: found.name });
  }
  return invites;
}

/** The lines a tester reads to try the officials' side, in the deployment's language. */
export function demoInviteLines(runtime: Runtime, invites: DemoInvite[], locale: 'vi' | 'en'): string[] {
  const tr = runtime.texts.for(locale);
  return invites.map((invite) =>
    tr.t('common:chat.demoInvite', { code: invite.code, role: tr.t(`campaign:roles.${invite.role}`), unit: invite.unitName }),
  );
}
