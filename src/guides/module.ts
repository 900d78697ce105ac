// The citizen guides as a bot module: the flow actions that count how a guide ended and
// find a commune's in-person help. The guides themselves are flows/*.yaml.
import type { FlowAction, FlowActionResult } from '../bot/context.js';
import type { BotModule } from '../bot/module.js';
import type { Db } from '../store/database.js';
import { findUnitsByName } from '../campaign/units/search.js';
import { getUnit } from '../campaign/units/repository.js';
import type { Unit } from '../campaign/units/types.js';
import { UNIT_CODE } from '../campaign/sourceTable/cells.js';
import { GuideOutcomeSchema, provinceDay, recordGuideOutcome } from './outcomes.js';
import { getHelpContact } from './helpContacts.js';
import { contactCard } from './contactCard.js';
import type { GuideSettings } from './settings.js';
import type { ConsentRegistry } from '../privacy/consent.js';

/** Names of the people leading a commune's community team, when known. */
export type TeamLeaderSource = (unitCode: string) => string[];

export interface GuidesDeps {
  db: Db;
  /** Whether the person agreed to have their commune recorded with the outcome. */
  consent?: Pick<ConsentRegistry, 'granted'>;
  settings: GuideSettings;
  teamLeaders?: TeamLeaderSource;
}

/** Flow variables the guides read and write. */
const VARS = {
  outcome: 'outcome',
  /** Which outcome this run of the guide already counted, so a repeated tap counts once. */
  counted: 'outcome_counted',
  query: 'commune_q',
  commune: 'commune',
} as const;

/** Communes offered at once; more than this and the person is asked to type more. */
const MAX_OPTIONS = 8;

export function createGuidesModule(deps: GuidesDeps): BotModule {
  const recordOutcome: FlowAction = (ctx) => {
    const parsed = GuideOutcomeSchema.safeParse(ctx.vars[VARS.outcome]);
    // A flow always sets the outcome before this step; without one nothing is counted.
    if (!parsed.success) return { outcome: 'gave_up' };
    const outcome = parsed.data;
    if (ctx.vars[VARS.counted] !== outcome) {
      // The commune is recorded only with the person's consent; the count itself is anonymous.
      const commune = deps.consent?.granted(ctx.person.id, 'outcome_stats') ? ctx.vars[VARS.commune] : undefined;
      recordGuideOutcome(deps.db, {
        guide: ctx.flowId,
        outcome,
        ...(commune && UNIT_CODE.test(commune) ? { unitCode: commune } : {}),
        at: ctx.now,
      });
    }
    return { outcome, vars: { [VARS.counted]: outcome } };
  };

  const findCommune: FlowAction = (ctx): FlowActionResult => {
    const today = provinceDay(ctx.now);
    const found = findUnitsByName(deps.db, ctx.vars[VARS.query] ?? '', {
      kinds: ['commune'],
      ...(deps.settings.helpUnitsUnder ? { under: deps.settings.helpUnitsUnder } : {}),
      limit: 50,
    }).filter((u) => isCurrent(u, today));
    if (found.length === 0) return { outcome: 'none' };
    if (found.length === 1) return { outcome: 'picked', vars: { [VARS.commune]: found[0]!.code } };
    const shown = found.slice(0, MAX_OPTIONS);
    return {
      outcome: 'picked',
      options: labelled(deps.db, shown),
      save: VARS.commune,
      ...(found.length > MAX_OPTIONS ? { replies: [{ text: ctx.tr.t('guides:hotro.tooMany', { shown: shown.length }) }] } : {}),
    };
  };

  const showContacts: FlowAction = (ctx) => {
    const code = ctx.vars[VARS.commune];
    const unit = code ? getUnit(deps.db, code) : undefined;
    if (!unit) return { outcome: 'missing' };
    return {
      outcome: 'shown',
      replies: contactCard(ctx.tr, {
        unit,
        contact: getHelpContact(deps.db, unit.code),
        ...(deps.settings.defaultOfficeHours ? { defaultOfficeHours: deps.settings.defaultOfficeHours } : {}),
        teamLeaders: deps.teamLeaders?.(unit.code) ?? [],
      }),
    };
  };

  return {
    name: 'guides',
    actions: {
      guide_outcome: recordOutcome,
      commune_find: findCommune,
      commune_contacts: showContacts,
    },
  };
}

/** A unit in force on the day (a 2023 commune merged in 2025 is not offered). */
function isCurrent(unit: Unit, day: string): boolean {
  return (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || day <= unit.validTo);
}

/** Names alone, or with the parent's name when two communes share a name. */
function labelled(db: Db, units: Unit[]): { value: string; label: string }[] {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  return units.map((u) => {
    const parent = (counts.get(u.name) ?? 0) > 1 && u.parentCode ? getUnit(db, u.parentCode) : undefined;
    return { value: u.code, label: parent ? `${u.name} (${parent.name})` : u.name };
  });
}
