// Demo data for a local trial: the Bến Tre tree, a campaign and statistics go into an
// empty store; each start also makes fresh one-day codes so a tester can act as an
// official (/dangky CODE) and see /tiendo, /baocao, /tonghop and the reminders. The codes
// are returned to be printed on the trial's own terminal: never logged.
import type { Runtime } from './runtime.js';
import { seedDemoData } from './campaign/demo.js';
import { createInvite } from './campaign/roles/invites.js';
import { getUnit } from './campaign/units/repository.js';
import type { Role } from './campaign/roles/types.js';

export interface DemoLogger {
  info(obj: object, msg?: string): void;
}

export interface DemoInvite {
  code: string;
  role: Role;
  unitName: string;
}

const DEMO_OFFICIALS: { unit: string; role: Role }[] = [
  { unit: 'BT-BATRI-TANMY', role: 'reporter' },
  { unit: 'BT-BATRI', role: 'head' },
  { unit: 'BT-SO-TTTT', role: 'compiler' },
];

export function seedDemo(runtime: Runtime, logger: DemoLogger): DemoInvite[] {
  const db = runtime.store.db;
  if (seedDemoData(db, runtime.now()))
    logger.info({}, 'demo data loaded: the Bến Tre 2023 unit tree, a demo campaign and daily statistics');
  return DEMO_OFFICIALS.filter(({ unit }) => getUnit(db, unit)).map(({ unit, role }) => ({
    code: createInvite(db, unit, role, runtime.now(), 1, { source: 'demo' }).code,
    role,
    unitName: getUnit(db, unit)!.name,
  }));
}

/** The lines a tester reads to try the officials' side, in the deployment's language. */
export function demoInviteLines(runtime: Runtime, invites: DemoInvite[], locale: 'vi' | 'en'): string[] {
  const tr = runtime.texts.for(locale);
  return invites.map((invite) =>
    tr.t('common:chat.demoInvite', { code: invite.code, role: tr.t(`campaign:roles.${invite.role}`), unit: invite.unitName }),
  );
}
