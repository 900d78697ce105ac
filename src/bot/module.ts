// A domain module plugs commands and flow actions into the engine; the composition root
// (src/main.ts) lists the modules.
import type { CommandSpec, FlowAction, TurnContext } from './context.js';
import type { Reply, InboundFile } from './types.js';
import type { PersonalDataKind } from './personalData.js';
import type { Translator } from '../i18n/index.js';

/** What a person sent that is not a command: text already masked, or a photo or file. */
export type InterceptedMessage =
  | { kind: 'text'; text: string; masked: PersonalDataKind[] }
  /** A file arrives with a reference only the module that takes it may download. */
  | { kind: 'media'; mediaKind: 'image' | 'file' | 'other'; file?: InboundFile };

/**
 * Sees a person's message before flows and intent matching do, and may take it over
 * (a conversation relayed to an official): replies when it did, undefined to pass.
 */
export type MessageInterceptor = (
  ctx: TurnContext,
  message: InterceptedMessage,
) => Promise<Reply[] | undefined> | Reply[] | undefined;

/** What a module keeps about a person, for /dulieucuatoi and /xoadulieu. */
export interface PersonalDataSection {
  /** Lines in the person's language describing what is kept (empty when nothing). */
  describe(personId: number, tr: Translator): Promise<string[]>;
  /**
   * Removes what foreign keys do not already remove with the person. What the law
   * requires to keep (a submitted official report) stays, detached from the person.
   */
  erase?(personId: number): Promise<void>;
}

export interface BotModule {
  name: string;
  commands?: CommandSpec[];
  actions?: Record<string, FlowAction>;
  intercept?: MessageInterceptor;
  personalData?: PersonalDataSection;
  /** Messages for a person's very first contact (the privacy notice). */
  onFirstContact?: (ctx: TurnContext) => Promise<Reply[]> | Reply[];
}
