// The citizen guides as a bot module: the flow actions that count how a guide ended and
// find a commune's in-person help. The guides themselves are flows/*.yaml.
import type { FlowAction, FlowActionResult } from '../bot/context.js';
import type { BotModule } from '../bot/module.js';
import type { Store } from '../store/index.js';
import type { Translator } from '../i18n/index.js';
import { significantName } from '../campaign/units/search.js';
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import { type HelpCommune, findHelpCommunes } from './communeSearch.js';
import { provinceCard } from './provinceCard.js';
import { UNIT_CODE } from '../campaign/sourceTable/cells.js';
import { GuideOutcomeSchema, provinceDay } from './outcomes.js';
import { contactCard } from './contactCard.js';
import type { GuideSettings } from './settings.js';

/** Names of the people leading a commune's community team, when known. */
export type TeamLeaderSource = (unitCode: string) => Promise<string[]> | string[];

/** What the guides read and count: units, help contacts and outcomes. */
export type GuidesStore = Pick<Store, 'units' | 'helpContacts' | 'guideOutcomes'>;

export interface GuidesDeps {
  store: GuidesStore;
  /** Whether the person agreed to have their commune recorded with the outcome (without it, never). */
  consent?: Pick<Store['consent'], 'granted'>;
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
  const recordOutcome: FlowAction = async (ctx) => {
    const parsed = GuideOutcomeSchema.safeParse(ctx.vars[VARS.outcome]);
    // A flow always sets the outcome before this step; without one nothing is counted.
    if (!parsed.success) return { outcome: 'gave_up' };
    const outcome = parsed.data;
    if (ctx.vars[VARS.counted] !== outcome) {
      // The commune is recorded only with the person's consent; the count itself is anonymous.
      const commune = (await deps.consent?.granted(ctx.person.id, 'outcome_stats')) ? ctx.vars[VARS.commune] : undefined;
      await deps.store.guideOutcomes.recordGuideOutcome({
        guide: ctx.flowId,
        outcome,
        ...(commune && UNIT_CODE.test(commune) ? { unitCode: commune } : {}),
        at: ctx.now,
      });
    }
    return { outcome, vars: { [VARS.counted]: outcome } };
  };

  const findCommune: FlowAction = async (ctx): Promise<FlowActionResult> => {
    const found = await findHelpCommunes(deps.store, ctx.vars[VARS.query] ?? '', {
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
      options: await labelled(deps.store, shown, ctx.tr),
      save: VARS.commune,
      ...(found.length > MAX_OPTIONS ? { replies: [{ text: ctx.tr.t('guides:hotro.tooMany', { shown: shown.length }) }] } : {}),
    };
  };

  const showContacts: FlowAction = async (ctx) => {
    const code = ctx.vars[VARS.commune];
    const unit = code ? await deps.store.units.getUnit(code) : undefined;
    if (!unit) return { outcome: 'missing' };
    return {
      outcome: 'shown',
      replies: contactCard(ctx.tr, {
        unit,
        contact: await deps.store.helpContacts.getHelpContact(unit.code),
        ...(deps.settings.defaultOfficeHours ? { defaultOfficeHours: deps.settings.defaultOfficeHours } : {}),
        teamLeaders: (await deps.teamLeaders?.(unit.code)) ?? [],
      }),
    };
  };

  // The example in "type your commune" is a commune of today, with an old name that works too.
  const communePrompt: FlowAction = async (ctx) => {
    const example = await deps.store.units.communeNameExample(provinceDay(ctx.now), deps.settings.helpUnitsUnder);
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
async function labelled(
  store: Pick<Store, 'units'>,
  communes: HelpCommune[],
  tr: Translator,
): Promise<{ value: string; label: string }[]> {
  const counts = new Map<string, number>();
  for (const { unit } of communes) counts.set(unit.name, (counts.get(unit.name) ?? 0) + 1);
  const labels: { value: string; label: string }[] = [];
  for (const found of communes) labels.push(await label(store, found, counts, tr));
  return labels;
}

/** One commune's choice label. */
async function label(
  store: Pick<Store, 'units'>,
  found: HelpCommune,
  counts: ReadonlyMap<string, number>,
  tr: Translator,
): Promise<{ value: string; label: string }> {
  const { unit } = found;
  if (found.formerly) {
    // The old district tells apart two old communes of one name ("An Hiệp" of Ba Tri, of Châu Thành).
    const oldParent = found.formerly.parentCode ? await store.units.getUnit(found.formerly.parentCode) : undefined;
    const old = unitNameInSentence(found.formerly.name);
    const oldInSentence = oldParent
      ? tr.t('guides:hotro.oldWithParent', { old, parent: unitNameInSentence(oldParent.name) })
      : tr.t('guides:hotro.oldAlone', { old });
    return { value: unit.code, label: tr.t('guides:hotro.mergedOption', { now: unit.name, oldInSentence }) };
  }
  const parent = (counts.get(unit.name) ?? 0) > 1 && unit.parentCode ? await store.units.getUnit(unit.parentCode) : undefined;
  return { value: unit.code, label: parent ? `${unit.name} (${parent.name})` : unit.name };
}
