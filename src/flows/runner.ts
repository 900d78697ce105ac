// Walks a person through a flow: shows a step, applies a tap or typed answer, runs domain
// actions, and keeps where they stand in the store so a restart resumes at the same step.
import type { FlowAction, TurnContext } from '../bot/context.js';
import type { Choice, Reply } from '../bot/types.js';
import { foldDiacritics } from '../bot/normalize.js';
import type { ConversationRepository, ConversationState } from '../store/repositories.js';
import { choiceToken } from './choiceToken.js';
import type { Flow, FlowChoice, FlowStep } from './schema.js';

export const NAV_BACK = 'nav|back';
export const NAV_MENU = 'nav|menu';
/** "The whole guide": from an answer opened by a question to the start of its guide. */
export const NAV_TOP = 'nav|top';
/** Back to the guide a question interrupted. */
export const NAV_RESUME = 'nav|resume';
/** "Continue": the current step again (after a long pause, an out-of-scope question, or a detour that ended). */
export const NAV_CONTINUE = 'resume|continue';
/** Flow variables the runner keeps for itself. */
const ANCHOR_VAR = '__anchor';
const PAUSED_VAR = '__paused';
export const MENU_FLOW = 'menu';
export const OPTION_PREFIX = 'o|';
/** Action and `next` chains longer than this are a flow bug, not a conversation. */
const MAX_CHAIN = 25;

type State = Omit<ConversationState, 'updatedAt'>;

export interface FlowRunnerDeps {
  flows: Flow[];
  conversations: ConversationRepository;
  actions: Record<string, FlowAction>;
  /** Settings shown to flow texts as `{{name}}` (hotlines, office hours…). */
  settings: Record<string, string>;
  runCommand(ctx: TurnContext, name: string, args: string): Promise<Reply[]>;
}

/** A flow that cannot go on: a bug in the flow files or the actions, not in what a person did. */
export class FlowError extends Error {}

/** Walks people through flows and keeps where each stands in the store. */
export class FlowRunner {
  readonly flows: Map<string, Flow>;

  constructor(private readonly deps: FlowRunnerDeps) {
    this.flows = new Map(deps.flows.map((f) => [f.id, f]));
  }

  flow(id: string): Flow | undefined {
    return this.flows.get(id);
  }

  /** Where the person stands, if at a step that still exists. */
  async current(personId: number): Promise<ConversationState | undefined> {
    const state = await this.deps.conversations.get(personId);
    return state && this.flows.get(state.flowId)?.steps[state.stepId] ? state : undefined;
  }

  /** Starts a flow at its start (or a given step), forgetting any other flow. */
  start(ctx: TurnContext, flowId: string, stepId?: string): Promise<Reply[]> {
    return this.open(ctx, flowId, stepId, {});
  }

  /**
   * Answers a question asked in the middle of another guide: opens the answer and keeps
   * that guide, so a button leads back to the step the person was at.
   */
  detour(ctx: TurnContext, from: ConversationState, flowId: string, stepId: string): Promise<Reply[]> {
    const { updatedAt: _, ...paused } = from;
    const pausedText = JSON.stringify({ ...paused, vars: withoutRunnerVars(paused.vars), options: undefined });
    return this.open(ctx, flowId, stepId, { [PAUSED_VAR]: pausedText });
  }

  /** The guide a question interrupted, at the step where it was left. */
  resume(ctx: TurnContext, state: ConversationState): Promise<Reply[]> | undefined {
    const paused = pausedOf(state.vars);
    if (!paused || !this.flows.get(paused.flowId)?.steps[paused.stepId]) return undefined;
    return this.enter(ctx, paused, []);
  }

  /** Another step of the current guide, asked for by a question (a paused guide is kept). */
  jump(ctx: TurnContext, state: ConversationState, stepId: string | undefined): Promise<Reply[]> {
    const keep = state.vars[PAUSED_VAR];
    return this.open(ctx, state.flowId, stepId, keep ? { [PAUSED_VAR]: keep } : {});
  }

  /** The start of the current guide, keeping a guide the person may go back to. */
  restart(ctx: TurnContext, state: ConversationState): Promise<Reply[]> {
    const keep = state.vars[PAUSED_VAR];
    return this.open(ctx, state.flowId, undefined, keep ? { [PAUSED_VAR]: keep } : {});
  }

  private open(ctx: TurnContext, flowId: string, stepId: string | undefined, vars: Record<string, string>): Promise<Reply[]> {
    const flow = this.flows.get(flowId);
    if (!flow) throw new FlowError(`unknown flow ${flowId}`);
    // Opened at the answer to a question: its reply offers the whole guide from the start.
    const anchor: Record<string, string> = stepId && stepId !== flow.start ? { [ANCHOR_VAR]: stepId } : {};
    return this.enter(ctx, { flowId, stepId: stepId ?? flow.start, history: [], vars: { ...vars, ...anchor } }, []);
  }

  /** The current step again (after a stale tap, a photo, a reply that fit no choice). */
  reshow(ctx: TurnContext, state: ConversationState): Promise<Reply[]> {
    return this.enter(ctx, { ...state, options: undefined }, [], state.options);
  }

  back(ctx: TurnContext, state: ConversationState): Promise<Reply[]> {
    const history = [...state.history];
    const previous = history.pop();
    if (!previous) return this.start(ctx, MENU_FLOW);
    return this.enter(ctx, { ...state, stepId: previous, history, options: undefined }, []);
  }

  /** A tap on a button of the step the person is at. */
  async choose(ctx: TurnContext, state: ConversationState, choiceId: string): Promise<Reply[] | undefined> {
    if (choiceId.startsWith(OPTION_PREFIX)) return this.pickOption(ctx, state, Number(choiceId.slice(2)));
    const step = this.step(state);
    const choice = step.choices?.find((c) => c.id === choiceId);
    if (!choice) return undefined;
    return this.applyChoice(ctx, state, choice);
  }

  /**
   * Typed text while in a flow: the answer to an input step, or a choice typed by its
   * number or its words. Undefined when the text fits nothing here.
   */
  async answer(ctx: TurnContext, state: ConversationState, text: string): Promise<Reply[] | undefined> {
    const step = this.step(state);
    if (state.options) {
      const index = matchLabel(
        text,
        state.options.map((o) => o.label),
      );
      return index === undefined ? undefined : this.pickOption(ctx, state, index);
    }
    if (step.input) {
      const value = text.trim();
      if (step.input.kind === 'number' && !/^\d[\d.]*$/.test(value)) {
        return [{ text: ctx.tr.t(step.input.invalid ?? 'common:flow.invalidNumber') }, ...(await this.reshow(ctx, state))];
      }
      const vars = { ...state.vars, [step.input.save]: value };
      return this.enter(ctx, { ...state, vars, stepId: step.input.next, history: [...state.history, state.stepId] }, []);
    }
    const visible = this.visibleChoices(state, step);
    const index = matchLabel(
      text,
      visible.map((c) => ctx.tr.t(c.label, this.vars(state))),
    );
    return index === undefined ? undefined : this.applyChoice(ctx, state, visible[index]!);
  }

  private async applyChoice(ctx: TurnContext, state: ConversationState, choice: FlowChoice): Promise<Reply[]> {
    const vars = { ...state.vars, ...(choice.set ?? {}) };
    if (choice.next) {
      return this.enter(ctx, { ...state, vars, stepId: choice.next, history: [...state.history, state.stepId] }, []);
    }
    if (choice.flow) {
      const [flowId, stepId] = choice.flow.split('#') as [string, string | undefined];
      const kept = Object.fromEntries((choice.keep ?? []).flatMap((name) => (vars[name] ? [[name, vars[name]]] : [])));
      return this.open(ctx, flowId, stepId, kept);
    }
    await this.deps.conversations.clear(ctx.person.id);
    return this.deps.runCommand(ctx, choice.command!, '');
  }

  private async pickOption(ctx: TurnContext, state: ConversationState, index: number): Promise<Reply[] | undefined> {
    const option = state.options?.[index];
    const step = this.step(state);
    const target = step.outcomes?.picked;
    if (!option || !target || !step.action) return undefined;
    const saveAs = state.vars.__save ?? 'picked';
    const vars = { ...state.vars, [saveAs]: option.value };
    delete vars.__save;
    return this.enter(ctx, { ...state, vars, stepId: target, options: undefined }, []);
  }

  /** Shows `state.stepId`, following `next` and action steps until one waits for the person. */
  private async enter(ctx: TurnContext, state: State, replies: Reply[], keepOptions?: State['options']): Promise<Reply[]> {
    let current: State = state;
    for (let hop = 0; hop < MAX_CHAIN; hop++) {
      const flow = this.flows.get(current.flowId)!;
      const step = flow.steps[current.stepId];
      if (!step) throw new FlowError(`${current.flowId}: no step ${current.stepId}`);

      if (step.action) {
        if (keepOptions) {
          await this.save(ctx, { ...current, options: keepOptions });
          replies.push(this.render(ctx, flow, { ...current, options: keepOptions }, step));
          return replies;
        }
        const action = this.deps.actions[step.action];
        if (!action) throw new FlowError(`${flow.id}.${current.stepId}: action ${step.action} is not registered`);
        const result = await action({ ...ctx, flowId: flow.id, stepId: current.stepId, vars: this.vars(current) });
        replies.push(...(result.replies ?? []));
        const vars = { ...current.vars, ...(result.vars ?? {}) };
        if (result.options && result.options.length > 0) {
          const waiting: State = { ...current, vars: { ...vars, __save: result.save ?? 'picked' }, options: result.options };
          await this.save(ctx, waiting);
          replies.push(this.render(ctx, flow, waiting, step));
          return replies;
        }
        const target = step.outcomes?.[result.outcome];
        if (!target) throw new FlowError(`${flow.id}.${current.stepId}: action gave unknown outcome ${result.outcome}`);
        // Action steps are not kept in history: "Back" returns to the step before them.
        current = { ...current, vars, stepId: target, options: undefined };
        continue;
      }

      replies.push(this.render(ctx, flow, current, step));
      if (step.end) {
        // The end of a detour hands back the guide it interrupted ("continue" reshows it).
        const paused = pausedOf(current.vars);
        if (paused) await this.save(ctx, paused);
        else await this.deps.conversations.clear(ctx.person.id);
        return replies;
      }
      if (step.next) {
        // A step that only leads on is not a place to go back to: Back from the step it
        // leads to would show both again, a loop.
        current = { ...current, stepId: step.next };
        continue;
      }
      await this.save(ctx, { ...current, options: undefined });
      return replies;
    }
    throw new FlowError(`${state.flowId}: more than ${MAX_CHAIN} steps without waiting for the person`);
  }

  private render(ctx: TurnContext, flow: Flow, state: State, step: FlowStep): Reply {
    const vars = this.vars(state);
    const choices: Choice[] = state.options
      ? state.options.map((o, i) => ({ id: `${OPTION_PREFIX}${i}`, label: o.label }))
      : this.visibleChoices(state, step).map((c) => ({
          id: choiceToken(flow.id, state.stepId, c.id),
          label: ctx.tr.t(c.label, vars),
        }));
    if (step.next === undefined) {
      if (flow.nav && state.history.length > 0 && !step.end) choices.push({ id: NAV_BACK, label: ctx.tr.t('common:nav.back') });
      if (state.vars[ANCHOR_VAR] && state.history.length === 0 && !step.end)
        choices.push({ id: NAV_TOP, label: ctx.tr.t('common:nav.wholeGuide', { guide: ctx.tr.t(flow.title) }) });
      const paused = pausedOf(state.vars);
      if (paused) {
        const guide = ctx.tr.t(this.flows.get(paused.flowId)?.title ?? flow.title);
        // After an end step the paused guide is the current one again: "continue" shows it.
        choices.push({ id: step.end ? NAV_CONTINUE : NAV_RESUME, label: ctx.tr.t('common:nav.resume', { guide }) });
      }
      if (step.end || (flow.id !== MENU_FLOW && flow.nav)) choices.push({ id: NAV_MENU, label: ctx.tr.t('common:nav.menu') });
    }
    const links = (step.links ?? [])
      .filter((l) => !l.when || vars[l.when])
      .map((l) => ({
        label: ctx.tr.t(l.label, vars),
        url: l.url.replace(/^\{\{([a-zA-Z_.]+)\}\}$/, (_, k: string) => vars[k] ?? ''),
      }))
      .filter((l) => /^https?:\/\//.test(l.url));
    return {
      text: ctx.tr.t(step.say, vars),
      ...(choices.length ? { choices } : {}),
      ...(links.length ? { links } : {}),
    };
  }

  private visibleChoices(state: State, step: FlowStep): FlowChoice[] {
    const vars = this.vars(state);
    return (step.choices ?? []).filter((c) => !c.when || vars[c.when]);
  }

  private vars(state: State): Record<string, string> {
    return { ...this.deps.settings, ...state.vars };
  }

  private step(state: State): FlowStep {
    return this.flows.get(state.flowId)!.steps[state.stepId]!;
  }

  private save(ctx: TurnContext, state: State): Promise<void> {
    return this.deps.conversations.save(ctx.person.id, state, ctx.now);
  }
}

function withoutRunnerVars(vars: Record<string, string>): Record<string, string> {
  const { [ANCHOR_VAR]: _a, [PAUSED_VAR]: _p, ...rest } = vars;
  return rest;
}

/** The guide a detour keeps, if any (a damaged value is simply no guide). */
function pausedOf(vars: Record<string, string>): State | undefined {
  const text = vars[PAUSED_VAR];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<State>;
    if (typeof parsed.flowId !== 'string' || typeof parsed.stepId !== 'string' || !Array.isArray(parsed.history))
      return undefined;
    return { flowId: parsed.flowId, stepId: parsed.stepId, history: parsed.history, vars: parsed.vars ?? {} };
  } catch {
    return undefined;
  }
}

/** "2" picks the second label; otherwise a label whose folded words equal the text's. */
function matchLabel(text: string, labels: string[]): number | undefined {
  const trimmed = text.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const n = Number(trimmed);
    return n >= 1 && n <= labels.length ? n - 1 : undefined;
  }
  const folded = foldDiacritics(trimmed);
  if (!folded) return undefined;
  const index = labels.findIndex((l) => foldDiacritics(l) === folded);
  return index >= 0 ? index : undefined;
}
