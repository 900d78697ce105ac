// The citizen guides as a bot module: the flow actions that count how a guide ended and
// find a commune's in-person help. The guides themselves are flows/*.yaml.
import type { FlowAction, FlowActionResult } from '../bot/context.js';
import type { BotModule } from '../bot/module.js';
import type { Db } from '../store/database.js';
import type { Translator } from '../i18n/index.js';
import { communeNameExample, getUnit } from '../campaign/units/repository.js';
import { significantName } from '../campaign/units/search.js';
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import { type HelpCommune, findHelpCommunes } from './communeSearch.js';
import { provinceCard } from './provinceCard.js';
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
  example: 'communeExample',
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
    const found = findHelpCommunes(deps.db, ctx.vars[VARS.query] ?? '', {
      today: provinceDay(ctx.now),
      ...(deps.settings.helpUnitsUnder ? { under: deps.settings.helpUnitsUnder } : {}),
      limit: 50,
    });
    if (found.length === 0) return { outcome: 'none' };
    if (found.length === 1) {
      const [only] = found as [HelpCommune];
      return {
        outcome: 'picked',
        vars: { [VARS.commune]: only.unit.code },
        ...(only.formerly ? { replies: [{ text: ctx.tr.t('guides:hotro.merged', mergedNames(only)) }] } : {}),
      };
    }
    const shown = found.slice(0, MAX_OPTIONS);
    return {
      outcome: 'picked',
      options: labelled(deps.db, shown, ctx.tr),
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

  // The example in "type your commune" is a commune of today, with an old name that works too.
  const communePrompt: FlowAction = (ctx) => {
    const example = communeNameExample(deps.db, provinceDay(ctx.now), deps.settings.helpUnitsUnder);
    const text = !example
      ? ''
      : example.oldName
        ? ctx.tr.t('guides:hotro.exampleWithOld', {
            name: significantName(example.name),
            oldName: significantName(example.oldName),
          })
        : ctx.tr.t('guides:hotro.example', { name: significantName(example.name) });
    return { outcome: 'ask', vars: { [VARS.example]: text } };
  };

  const showProvinceCentre: FlowAction = (ctx) => ({ outcome: 'shown', replies: provinceCard(ctx.tr, deps.settings) });

  return {
    name: 'guides',
    actions: {
      guide_outcome: recordOutcome,
      commune_find: findCommune,
      commune_contacts: showContacts,
      province_centre: showProvinceCentre,
      commune_prompt: communePrompt,
    },
  };
}

/** "Xã Phú Hưng" and "phường Phú Khương" for "Xã Phú Hưng (cũ) nay thuộc phường Phú Khương". */
function mergedNames(found: HelpCommune): { old: string; now: string } {
  return { old: found.formerly?.name ?? '', now: unitNameInSentence(found.unit.name) };
}

/** Names alone, with the old name a person typed, or with the parent's name when two communes share a name. */
function labelled(db: Db, communes: HelpCommune[], tr: Translator): { value: string; label: string }[] {
  const counts = new Map<string, number>();
  for (const { unit } of communes) counts.set(unit.name, (counts.get(unit.name) ?? 0) + 1);
  return communes.map((found) => {
    const { unit } = found;
    if (found.formerly) {
      // The old district tells apart two old communes of one name ("An Hiệp" of Ba Tri, of Châu Thành).
      const oldParent = found.formerly.parentCode ? getUnit(db, found.formerly.parentCode) : undefined;
      const old = unitNameInSentence(found.formerly.name);
      const oldInSentence = oldParent
        ? tr.t('guides:hotro.oldWithParent', { old, parent: unitNameInSentence(oldParent.name) })
        : tr.t('guides:hotro.oldAlone', { old });
      return { value: unit.code, label: tr.t('guides:hotro.mergedOption', { now: unit.name, oldInSentence }) };
    }
    const parent = (counts.get(unit.name) ?? 0) > 1 && unit.parentCode ? getUnit(db, unit.parentCode) : undefined;
    return { value: unit.code, label: parent ? `${unit.name} (${parent.name})` : unit.name };
  });
}
