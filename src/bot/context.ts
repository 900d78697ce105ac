// What the engine hands to domain code: a command handler or a flow action receives the
// person, their language and what their channel can show, and answers with replies.
import type { ChannelCapabilities, ChannelName, Reply } from './types.js';
import type { Translator } from '../i18n/index.js';
import type { Person } from '../store/repositories.js';

export interface TurnContext {
  person: Person;
  channel: ChannelName;
  capabilities: ChannelCapabilities;
  /** Translator and formatters in the person's language. */
  tr: Translator;
  /** The moment this turn is handled (injectable for tests). */
  now: Date;
  /** The person's id on `channel`: what abuse limits count on, since erasure removes the person. */
  externalId?: string;
  /** For the rare warning a command must raise (never with a person's words or ids). */
  log?: { warn(obj: object, msg?: string): void };
}

export interface CommandContext extends TurnContext {
  /** Text after the command name, trimmed. */
  args: string;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Reply[]> | Reply[];

export interface CommandSpec {
  /** Without the slash, lower case: `tiendo`. */
  name: string;
  handler: CommandHandler;
  /**
   * May a Telegram link (`/start name-args`) run it? Only harmless commands: a link is
   * opened with one tap, so nothing that changes or deletes data.
   */
  deepLink?: boolean;
}

export interface FlowActionContext extends TurnContext {
  flowId: string;
  stepId: string;
  /** The flow's variables so far (what the person typed or chose, plus settings). */
  vars: Readonly<Record<string, string>>;
}

export interface FlowActionResult {
  /** Picks the next step through the step's `outcomes` map. */
  outcome: string;
  /** Variables to record (e.g. the commune the person picked). */
  vars?: Record<string, string>;
  /** Messages to send before the next step's message. */
  replies?: Reply[];
  /**
   * Choices made at run time (e.g. communes matching a name). When present, the step's
   * text is shown with these as buttons; the tapped value is saved in `save` and the flow
   * goes on to the step of the outcome `picked`.
   */
  options?: { value: string; label: string }[];
  save?: string;
}

export type FlowAction = (ctx: FlowActionContext) => Promise<FlowActionResult> | FlowActionResult;
