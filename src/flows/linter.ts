// Proves a set of flows sound before anyone talks to them: every target exists, every
// step is reachable, every path can end, every text exists in every locale, and every
// button id fits in a Telegram callback.
import type { Flow, FlowStep } from './schema.js';
import { CHOICE_ID_MAX_BYTES } from '../bot/types.js';
import { LOCALES, type Locale } from '../i18n/format.js';
import { choiceToken } from './choiceToken.js';
import { IntentMatcher, anchorId, anchorsOf, phraseWords } from '../bot/intent.js';

export interface LintContext {
  /** Does this locale have this key? */
  hasText(key: string, locale: Locale): boolean;
  /** Commands the engine knows (global ones and those registered by domain modules). */
  commands: ReadonlySet<string>;
  /** Domain actions registered in code. */
  actions: ReadonlySet<string>;
}

function targetsOf(step: FlowStep): string[] {
  return [
    ...(step.choices ?? []).flatMap((c) => (c.next ? [c.next] : [])),
    ...(step.input ? [step.input.next] : []),
    ...Object.values(step.outcomes ?? {}),
    ...(step.next ? [step.next] : []),
  ];
}

/** A step from which the person can leave the flow on purpose (not only by Back/Menu). */
function isExit(step: FlowStep): boolean {
  return Boolean(step.end) || (step.choices ?? []).some((c) => c.flow || c.command);
}

/** Every problem of a set of flows, one line each; empty when they are sound. */
export function lintFlows(flows: Flow[], ctx: LintContext): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Flow>();
  const commandOwners = new Map<string, string>();

  for (const flow of flows) {
    if (byId.has(flow.id)) problems.push(`${flow.id}: two flows have this id`);
    byId.set(flow.id, flow);
    if (flow.command) {
      const owner = commandOwners.get(flow.command);
      if (owner) problems.push(`${flow.id}: command /${flow.command} is already started by ${owner}`);
      commandOwners.set(flow.command, flow.id);
    }
  }

  for (const flow of flows) {
    const at = (stepId: string, rest: string) => `${flow.id}.${stepId}: ${rest}`;
    const keys: [string, string][] = [['title', flow.title]];
    if (!flow.steps[flow.start]) problems.push(`${flow.id}: start step "${flow.start}" does not exist`);
    for (const [stepId, step] of [
      ['(keywords)', flow.keywords] as const,
      ...Object.entries(flow.steps).map(([id, s]) => [id, s.ask] as const),
    ])
      if (step && (step.vi.length === 0) !== (step.en.length === 0))
        problems.push(at(stepId, `a question is asked in both languages: add ${step.vi.length === 0 ? 'vi' : 'en'} phrases`));

    for (const [stepId, step] of Object.entries(flow.steps)) {
      keys.push([stepId, step.say]);
      for (const link of step.links ?? []) keys.push([stepId, link.label]);
      for (const target of targetsOf(step))
        if (!flow.steps[target]) problems.push(at(stepId, `next step "${target}" does not exist`));
      if (step.action && !ctx.actions.has(step.action)) problems.push(at(stepId, `action "${step.action}" is not registered`));
      if (step.input?.invalid) keys.push([stepId, step.input.invalid]);
      const seen = new Set<string>();
      for (const choice of step.choices ?? []) {
        keys.push([stepId, choice.label]);
        if (seen.has(choice.id)) problems.push(at(stepId, `choice id "${choice.id}" is used twice`));
        seen.add(choice.id);
        if (Buffer.byteLength(choiceToken(flow.id, stepId, choice.id)) > CHOICE_ID_MAX_BYTES)
          problems.push(at(stepId, `choice "${choice.id}": flow, step and choice ids are too long for a button`));
        if (choice.flow) {
          const [flowId, stepRef] = choice.flow.split('#') as [string, string | undefined];
          const target = byId.get(flowId);
          if (!target) problems.push(at(stepId, `flow "${flowId}" does not exist`));
          else if (stepRef && !target.steps[stepRef]) problems.push(at(stepId, `flow "${flowId}" has no step "${stepRef}"`));
        }
        if (choice.command && !ctx.commands.has(choice.command))
          problems.push(at(stepId, `command "/${choice.command}" does not exist`));
      }
    }
    for (const [where, key] of keys)
      for (const locale of LOCALES)
        if (!ctx.hasText(key, locale)) problems.push(`${flow.id}.${where}: text "${key}" is missing in locales/${locale}`);

    problems.push(...reachability(flow, flows));
  }
  problems.push(...unreachableAnswers(flows));
  return problems;
}

/**
 * Free text must be able to reach every answer: each phrase, typed alone, must lead to its
 * own anchor, not be outscored by a longer phrase of another or tie with one.
 */
function unreachableAnswers(flows: Flow[]): string[] {
  const problems: string[] = [];
  const matcher = new IntentMatcher(flows);
  for (const anchor of anchorsOf(flows))
    for (const phrase of anchor.phrases) {
      if (phraseWords(phrase).length === 0) {
        problems.push(`${anchorId(anchor)}: phrase "${phrase}" has no words to match`);
        continue;
      }
      const found = matcher.match(phrase).anchors.map(anchorId);
      if (found.length !== 1 || found[0] !== anchorId(anchor))
        problems.push(`${anchorId(anchor)}: typing "${phrase}" leads to ${found.join(' or ')} instead`);
    }
  return problems;
}

function reachability(flow: Flow, flows: Flow[]): string[] {
  const problems: string[] = [];
  // A step is entered from its flow's start, from another flow's `flow#step` choice, or by a
  // question typed in free text (`ask`).
  const entries = new Set([flow.start, ...Object.keys(flow.steps).filter((id) => flow.steps[id]!.ask)]);
  for (const other of flows)
    for (const step of Object.values(other.steps))
      for (const choice of step.choices ?? []) {
        const [flowId, stepRef] = (choice.flow ?? '').split('#');
        if (flowId === flow.id && stepRef) entries.add(stepRef);
      }
  const reached = new Set<string>();
  const queue = [...entries].filter((s) => flow.steps[s]);
  while (queue.length) {
    const stepId = queue.pop()!;
    if (reached.has(stepId)) continue;
    reached.add(stepId);
    for (const t of targetsOf(flow.steps[stepId]!)) if (flow.steps[t]) queue.push(t);
  }
  for (const stepId of Object.keys(flow.steps))
    if (!reached.has(stepId)) problems.push(`${flow.id}.${stepId}: no path leads to this step`);

  // Every reachable step must be able to reach an exit; otherwise the person loops forever.
  const canExit = new Set(Object.keys(flow.steps).filter((s) => isExit(flow.steps[s]!)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [stepId, step] of Object.entries(flow.steps))
      if (!canExit.has(stepId) && targetsOf(step).some((t) => canExit.has(t))) {
        canExit.add(stepId);
        grew = true;
      }
  }
  for (const stepId of reached)
    if (!canExit.has(stepId)) problems.push(`${flow.id}.${stepId}: no path from here ever ends the flow`);
  return problems;
}
