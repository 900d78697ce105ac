// The channel-neutral engine: resolves the person, then routes each event to a global
// command, a domain command, the active flow, or the intent matcher. It never learns
// which platform a person is on beyond the capabilities the channel declares.
import type { CommandContext, CommandHandler, TurnContext } from './context.js';
import type { BotModule, InterceptedMessage, MessageInterceptor } from './module.js';
import type { BotEngine } from './port.js';
import type { ChannelCapabilities, Inbound, Reply } from './types.js';
import { type IntentMatch, IntentMatcher } from './intent.js';
import { KeyedSerialQueue } from './serialQueue.js';
import { DEFAULT_FLOOD_LIMITS, FloodGuard, type FloodLimits } from './floodGuard.js';
import { foldDiacritics } from './normalize.js';
import { maskPersonalData } from './personalData.js';
import { MAX_INPUT_CHARS, exceedsInputLimit } from './inputLimit.js';
import { FlowRunner, MENU_FLOW, NAV_BACK, NAV_MENU, NAV_RESUME, NAV_CONTINUE, NAV_TOP, OPTION_PREFIX } from '../flows/runner.js';
import { parseChoiceToken } from '../flows/choiceToken.js';
import type { Flow } from '../flows/schema.js';
import type { Texts } from '../i18n/index.js';
import { type Locale, isLocale } from '../i18n/format.js';
import type { Store } from '../store/index.js';
import type { ConversationState } from '../store/repositories.js';

export interface EngineLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EngineDeps {
  store: Pick<Store, 'persons' | 'conversations' | 'chatTurns' | 'floodCounter'>;
  texts: Texts;
  flows: Flow[];
  modules?: BotModule[];
  settings?: Record<string, string>;
  defaultLocale?: Locale;
  now?: () => Date;
  logger?: EngineLogger;
  /** A flow left longer than this is offered "continue or start over" on return. */
  resumeAfterMs?: number;
  /** Longer texts, command lines, button data or start payloads are not read (the input cap). */
  maxTextLength?: number;
  /** Messages one person may send per window before being asked to slow down. */
  floodLimits?: FloodLimits;
}

export const GLOBAL_COMMANDS = ['start', 'menu', 'help', 'lang', 'huy'] as const;
/**
 * How sure a match must be to answer a question typed inside a guide (keeping the guide to
 * come back to): one rare word such as "otp" or "passcode", or several common ones.
 */
const DETOUR_MIN_SCORE = 6;
/** Typed data (a commune's name) is read as a question only when it clearly is one. */
const QUESTION_AT_INPUT_MIN_WORDS = 3;
/** Text this long that fits nothing is a question the bot cannot answer, not a mistyped button. */
const QUESTION_MIN_WORDS = 3;
const RESUME_RESTART = 'resume|restart';
const LANG_PREFIX = 'lang|';
const INTENT_PREFIX = 'intent|';
/** Typed words that mean a navigation button, for people who type instead of tapping. */
const TYPED_NAV: Record<string, string> = {
  menu: NAV_MENU,
  'quay lai': NAV_BACK,
  'tro lai': NAV_BACK,
  back: NAV_BACK,
};
const TYPED_CANCEL = new Set(['huy', 'cancel', 'thoat', 'dung lai']);

/** Turns one inbound event into the replies to send, one person at a time, whatever the channel. */
export class Engine implements BotEngine {
  private readonly queue = new KeyedSerialQueue();
  private readonly runner: FlowRunner;
  private readonly intents: IntentMatcher;
  private readonly commands = new Map<string, CommandHandler>();
  private readonly flowCommands = new Map<string, string>();
  private readonly deepLinkCommands = new Set<string>();
  private readonly interceptors: MessageInterceptor[];
  private readonly now: () => Date;
  private readonly defaultLocale: Locale;
  private readonly resumeAfterMs: number;
  private readonly maxTextLength: number;
  private readonly flood: FloodGuard;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? (() => new Date());
    this.defaultLocale = deps.defaultLocale ?? 'vi';
    this.resumeAfterMs = deps.resumeAfterMs ?? 12 * 3600_000;
    this.maxTextLength = deps.maxTextLength ?? MAX_INPUT_CHARS;
    const floodLimits = deps.floodLimits ?? DEFAULT_FLOOD_LIMITS;
    this.flood = new FloodGuard(deps.store.floodCounter(floodLimits), floodLimits);
    const actions = Object.fromEntries((deps.modules ?? []).flatMap((m) => Object.entries(m.actions ?? {})));
    this.interceptors = (deps.modules ?? []).flatMap((m) => (m.intercept ? [m.intercept] : []));
    for (const module of deps.modules ?? [])
      for (const spec of module.commands ?? []) {
        if (this.commands.has(spec.name) || (GLOBAL_COMMANDS as readonly string[]).includes(spec.name))
          throw new Error(`command /${spec.name} is registered twice`);
        this.commands.set(spec.name, spec.handler);
        if (spec.deepLink) this.deepLinkCommands.add(spec.name);
      }
    for (const flow of deps.flows) if (flow.command) this.flowCommands.set(flow.command, flow.id);
    this.runner = new FlowRunner({
      flows: deps.flows,
      conversations: deps.store.conversations,
      actions,
      settings: deps.settings ?? {},
      runCommand: (ctx, name, args) => this.runCommand(ctx, name, args),
    });
    this.intents = new IntentMatcher(deps.flows);
  }

  /** Every command name the engine answers, for the flow linter and the help text. */
  commandNames(): Set<string> {
    return new Set([...GLOBAL_COMMANDS, ...this.commands.keys(), ...this.flowCommands.keys()]);
  }

  async handle(inbound: Inbound, capabilities: ChannelCapabilities): Promise<Reply[]> {
    // The last line of defence behind the channels' own cap: an over-long event is never parsed.
    const tooLong = exceedsInputLimit(inbound.event, this.maxTextLength);
    const key = `${inbound.channel}:${inbound.externalId}`;
    const verdict = await this.flood.check(key);
    if (verdict === 'ignore') return [];
    if (verdict === 'warn') {
      const { person } = await this.deps.store.persons.findOrCreate(inbound, this.defaultLocale);
      return [{ text: this.deps.texts.for(person.locale).t('common:slowDown') }];
    }
    return this.queue.run(key, () =>
      this.deps.store.chatTurns.run(key, async () => {
        if (await inbound.answered?.()) return [];
        const replies = await this.turn(inbound, capabilities, tooLong);
        // Durable before the chat's next turn may start: its notice mark and its place in the outbox.
        await inbound.commit?.(replies);
        return replies;
      }),
    );
  }

  /** One update, while no other turn of the same chat runs here or on another replica. */
  private async turn(inbound: Inbound, capabilities: ChannelCapabilities, tooLong: boolean): Promise<Reply[]> {
    const { person } = await this.deps.store.persons.findOrCreate(
      { channel: inbound.channel, externalId: inbound.externalId },
      this.defaultLocale,
    );
    const ctx: TurnContext = {
      person,
      channel: inbound.channel,
      capabilities,
      tr: this.deps.texts.for(person.locale),
      now: this.now(),
      externalId: inbound.externalId,
      ...(this.deps.logger ? { log: this.deps.logger } : {}),
    };
    const answer = () => (tooLong ? this.tooLong(ctx) : this.dispatch(ctx, inbound));
    // Until an answer carrying the notice is on record (not merely since the person row
    // exists), the notice comes first: a crash half-way shows it again, never loses it.
    if (person.noticed) return answer();
    const welcome: Reply[] = [];
    // Awaited only where a module has the hook: a dozen modules, one of which has it.
    for (const module of this.deps.modules ?? []) if (module.onFirstContact) welcome.push(...(await module.onFirstContact(ctx)));
    if (!inbound.answeredDurably) await this.deps.store.persons.markNoticed(person.id);
    return [...welcome, ...(await answer())];
  }

  async apology(inbound: Pick<Inbound, 'channel' | 'externalId'>): Promise<Reply> {
    const person = await this.deps.store.persons.find({ channel: inbound.channel, externalId: inbound.externalId });
    const tr = this.deps.texts.for(person?.locale ?? this.defaultLocale);
    return { text: tr.t('common:errors.apology'), choices: [{ id: NAV_MENU, label: tr.t('common:nav.menu') }] };
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async dispatch(ctx: TurnContext, inbound: Inbound): Promise<Reply[]> {
    const event = inbound.event;
    switch (event.kind) {
      case 'start':
        return this.onStart(ctx, event.payload);
      case 'command':
        return this.runMaskedCommand(ctx, event.name, event.args);
      case 'choice':
        return this.onChoice(ctx, event.id);
      case 'text':
        return this.onText(ctx, event.text);
      case 'media': {
        const taken = await this.intercept(ctx, {
          kind: 'media',
          mediaKind: event.mediaKind,
          ...(event.file ? { file: event.file } : {}),
        });
        return taken ?? this.withCurrentStep(ctx, [{ text: ctx.tr.t('common:media.notRead') }]);
      }
    }
  }

  private tooLong(ctx: TurnContext): Promise<Reply[]> {
    return this.withCurrentStep(ctx, [{ text: ctx.tr.t('common:tooLong', { max: this.maxTextLength }) }]);
  }

  /**
   * What follows a command is free text too, whether typed, tapped (a button whose id is a
   * command line) or linked (`/start name-args`): nothing below sees an ID number in it.
   */
  private async runMaskedCommand(ctx: TurnContext, name: string, rawArgs: string): Promise<Reply[]> {
    const args = maskPersonalData(rawArgs);
    const warning: Reply[] =
      args.found.length > 0 && (await this.deps.store.persons.warnPersonalDataOnce(ctx.person.id))
        ? [{ text: ctx.tr.t('common:personalData.warning') }]
        : [];
    return [...warning, ...(await this.runCommand(ctx, name.toLowerCase(), args.text.trim()))];
  }

  private async onStart(ctx: TurnContext, payload?: string): Promise<Reply[]> {
    const deepLink = payload?.match(/^([a-z0-9_]+)-(.+)$/);
    if (deepLink && (this.deepLinkCommands.has(deepLink[1]!) || this.flowCommands.has(deepLink[1]!)))
      return this.runMaskedCommand(ctx, deepLink[1]!, deepLink[2]!);
    const offer = await this.resumeOffer(ctx, await this.runner.current(ctx.person.id));
    if (offer) return offer;
    return this.runner.start(ctx, MENU_FLOW);
  }

  private async runCommand(ctx: TurnContext, name: string, args: string): Promise<Reply[]> {
    switch (name) {
      case 'start':
        return this.onStart(ctx, args || undefined);
      case 'menu':
        return this.runner.start(ctx, MENU_FLOW);
      case 'huy':
        await this.deps.store.conversations.clear(ctx.person.id);
        return [{ text: ctx.tr.t('common:cancelled'), choices: [this.menuChoice(ctx)] }];
      case 'help':
        return [{ text: ctx.tr.t('common:help'), choices: [this.menuChoice(ctx)] }];
      case 'lang':
        return this.onLanguage(ctx, args);
    }
    const flowId = this.flowCommands.get(name);
    if (flowId) return this.runner.start(ctx, flowId);
    const handler = this.commands.get(name);
    if (handler) {
      const commandCtx: CommandContext = { ...ctx, args };
      return handler(commandCtx);
    }
    return [{ text: ctx.tr.t('common:unknownCommand', { command: name }), choices: [this.menuChoice(ctx)] }];
  }

  private async onLanguage(ctx: TurnContext, args: string): Promise<Reply[]> {
    const wanted = args.toLowerCase();
    if (!isLocale(wanted)) {
      return [
        {
          text: ctx.tr.t('common:lang.ask'),
          choices: [
            { id: `${LANG_PREFIX}vi`, label: 'Tiếng Việt' },
            { id: `${LANG_PREFIX}en`, label: 'English' },
          ],
        },
      ];
    }
    await this.deps.store.persons.setLocale(ctx.person.id, wanted);
    const tr = this.deps.texts.for(wanted);
    return [{ text: tr.t('common:lang.changed'), choices: [{ id: NAV_MENU, label: tr.t('common:nav.menu') }] }];
  }

  private async onChoice(ctx: TurnContext, id: string): Promise<Reply[]> {
    if (id.startsWith('/')) {
      const [name = '', ...rest] = id.slice(1).split(' ');
      return this.runMaskedCommand(ctx, name, rest.join(' '));
    }
    if (id.startsWith(LANG_PREFIX)) return this.onLanguage(ctx, id.slice(LANG_PREFIX.length));
    if (id.startsWith(INTENT_PREFIX)) {
      const [flowId = '', stepId] = id.slice(INTENT_PREFIX.length).split('#');
      const flow = this.runner.flow(flowId);
      if (flow) return this.runner.start(ctx, flowId, stepId && flow.steps[stepId] ? stepId : undefined);
    }
    if (id === NAV_MENU) return this.runner.start(ctx, MENU_FLOW);

    const state = await this.runner.current(ctx.person.id);
    if (id === NAV_TOP && state) return this.runner.restart(ctx, state);
    if (id === NAV_RESUME && state) {
      const resumed = this.runner.resume(ctx, state);
      if (resumed) return resumed;
    }
    if (id === NAV_CONTINUE && state) return this.runner.reshow(ctx, state);
    if (id === RESUME_RESTART && state) return this.runner.start(ctx, state.flowId);
    if (id === NAV_BACK) return state ? this.runner.back(ctx, state) : this.runner.start(ctx, MENU_FLOW);

    if (id.startsWith(OPTION_PREFIX) && state?.options) {
      const replies = await this.runner.choose(ctx, state, id);
      if (replies) return replies;
    }
    const ref = parseChoiceToken(id);
    if (ref && state && state.flowId === ref.flowId && state.stepId === ref.stepId) {
      const replies = await this.runner.choose(ctx, state, ref.choiceId);
      if (replies) return replies;
    }
    if (ref && !state?.options) {
      // A button from an older message: follow it where the flow allows and it still exists.
      const flow = this.runner.flow(ref.flowId);
      const step = flow?.steps[ref.stepId];
      if (flow?.staleTaps === 'honour' && step?.choices?.some((c) => c.id === ref.choiceId)) {
        const from: ConversationState = {
          flowId: flow.id,
          stepId: ref.stepId,
          history: state?.flowId === flow.id ? state.history : [],
          vars: state?.flowId === flow.id ? state.vars : {},
          updatedAt: '',
        };
        const replies = await this.runner.choose(ctx, from, ref.choiceId);
        if (replies) return replies;
      }
    }
    return this.withCurrentStep(ctx, [{ text: ctx.tr.t('common:stale') }]);
  }

  private async onText(ctx: TurnContext, raw: string): Promise<Reply[]> {
    // Nothing below this line sees an ID number, phone number, OTP or password.
    const masked = maskPersonalData(raw);
    const text = masked.text.trim();
    if (!text) return this.withCurrentStep(ctx, []);
    const warning: Reply[] =
      masked.found.length > 0 && (await this.deps.store.persons.warnPersonalDataOnce(ctx.person.id))
        ? [{ text: ctx.tr.t('common:personalData.warning') }]
        : [];
    const taken = await this.intercept(ctx, { kind: 'text', text, masked: masked.found });
    return [...warning, ...(taken ?? (await this.onMaskedText(ctx, text)))];
  }

  private async intercept(ctx: TurnContext, message: InterceptedMessage): Promise<Reply[] | undefined> {
    for (const interceptor of this.interceptors) {
      const replies = await interceptor(ctx, message);
      if (replies) return replies;
    }
    return undefined;
  }

  private async onMaskedText(ctx: TurnContext, text: string): Promise<Reply[]> {
    const folded = foldDiacritics(text);
    if (TYPED_CANCEL.has(folded)) return this.runCommand(ctx, 'huy', '');
    const typedNav = TYPED_NAV[folded];
    if (typedNav) return this.onChoice(ctx, typedNav);

    const state = await this.runner.current(ctx.person.id);
    const offer = await this.resumeOffer(ctx, state);
    if (offer) return offer;
    const match = this.intents.match(text);
    const input = state ? this.runner.flow(state.flowId)?.steps[state.stepId]?.input : undefined;
    // A scam warning never waits behind a guide. At a step that waits for typed data, the
    // person's own words to relay are never taken for a question, and a commune's name only
    // when it clearly is one.
    if (match.urgent && !input?.freeText) return this.answerQuestion(ctx, state, match);
    const clear = match.anchors.length === 1 && match.score >= DETOUR_MIN_SCORE;
    if (state) {
      if (input && !input.freeText && clear && match.words >= QUESTION_AT_INPUT_MIN_WORDS)
        return this.answerQuestion(ctx, state, match);
      const replies = await this.runner.answer(ctx, state, text);
      if (replies) return replies;
      if (clear) return this.answerQuestion(ctx, state, match);
      if (folded.split(' ').length >= QUESTION_MIN_WORDS) return this.outOfScope(ctx, state);
      return this.withCurrentStep(ctx, [{ text: ctx.tr.t('common:flow.pickAChoice') }]);
    }
    if (match.anchors.length > 0) return this.answerQuestion(ctx, undefined, match);
    const menu = await this.runner.start(ctx, MENU_FLOW);
    return [{ text: ctx.tr.t('common:intent.notUnderstood') }, ...menu];
  }

  /**
   * The answer to a typed question, first: the step that answers it (inside a guide, keeping
   * that guide to come back to), or a choice between guides when it is truly ambiguous.
   */
  private async answerQuestion(ctx: TurnContext, state: ConversationState | undefined, match: IntentMatch): Promise<Reply[]> {
    const flowIds = [...new Set(match.anchors.map((a) => a.flowId))];
    if (match.anchors.length === 1 || flowIds.length === 1) {
      // Tied steps of one guide: its start leads to each of them.
      const anchor = match.anchors.length === 1 ? match.anchors[0]! : { flowId: flowIds[0]!, stepId: undefined };
      // Within the same guide it is a jump, not a detour: there is nothing else to go back to.
      if (state && state.flowId === anchor.flowId) return this.runner.jump(ctx, state, anchor.stepId);
      if (state && state.flowId !== MENU_FLOW && anchor.stepId)
        return this.runner.detour(ctx, state, anchor.flowId, anchor.stepId);
      return this.runner.start(ctx, anchor.flowId, anchor.stepId);
    }
    return [
      {
        text: ctx.tr.t('common:intent.which'),
        choices: match.anchors.map((a) => ({
          id: `${INTENT_PREFIX}${a.flowId}#${a.stepId}`,
          label: ctx.tr.t(this.runner.flow(a.flowId)!.title),
        })),
      },
    ];
  }

  /** A question the bot has no answer for, asked inside a guide: said plainly, the guide kept. */
  private outOfScope(ctx: TurnContext, state: ConversationState): Reply[] {
    const flow = this.runner.flow(state.flowId)!;
    return [
      {
        text: ctx.tr.t('common:intent.outOfScope'),
        choices: [
          { id: NAV_CONTINUE, label: ctx.tr.t('common:nav.resume', { guide: ctx.tr.t(flow.title) }) },
          this.menuChoice(ctx),
        ],
      },
    ];
  }

  /** A person back after a long pause is asked whether to continue or start over. */
  private async resumeOffer(ctx: TurnContext, state: ConversationState | undefined): Promise<Reply[] | undefined> {
    if (!state || state.flowId === MENU_FLOW) return undefined;
    const idle = ctx.now.getTime() - Date.parse(state.updatedAt);
    if (!(idle > this.resumeAfterMs)) return undefined;
    // Touch the state so the offer is made once, not on every message.
    await this.deps.store.conversations.save(ctx.person.id, state, ctx.now);
    const flow = this.runner.flow(state.flowId)!;
    return [
      {
        text: ctx.tr.t('common:resume.ask', { guide: ctx.tr.t(flow.title) }),
        choices: [
          { id: NAV_CONTINUE, label: ctx.tr.t('common:resume.continue') },
          { id: RESUME_RESTART, label: ctx.tr.t('common:resume.restart') },
          this.menuChoice(ctx),
        ],
      },
    ];
  }

  private async withCurrentStep(ctx: TurnContext, before: Reply[]): Promise<Reply[]> {
    const state = await this.runner.current(ctx.person.id);
    if (state) return [...before, ...(await this.runner.reshow(ctx, state))];
    return [...before, ...(await this.runner.start(ctx, MENU_FLOW))];
  }

  private menuChoice(ctx: TurnContext) {
    return { id: NAV_MENU, label: ctx.tr.t('common:nav.menu') };
  }
}
