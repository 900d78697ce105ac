// What the engine and the domain need from storage, as interfaces: the Kysely repositories
// in core/ implement them on SQLite today and on PostgreSQL later, without touching the engine.
import type { ChannelName, Reply } from '../bot/types.js';
import type { Locale } from '../i18n/format.js';

export interface Person {
  id: number;
  locale: Locale;
  createdAt: string;
  /** True once an answer carrying the first-contact privacy notice was committed. */
  noticed: boolean;
}

export interface ChannelIdentity {
  channel: ChannelName;
  externalId: string;
}

export interface PersonRepository {
  /** The person behind a channel identity, created on first contact. */
  findOrCreate(identity: ChannelIdentity, locale: Locale): Promise<{ person: Person; created: boolean }>;
  /** The person behind a channel identity, never creating one (an erased person stays erased). */
  find(identity: ChannelIdentity): Promise<Person | undefined>;
  get(personId: number): Promise<Person | undefined>;
  setLocale(personId: number, locale: Locale): Promise<void>;
  identities(personId: number): Promise<ChannelIdentity[]>;
  /** Records that the person was warned about typing personal data; true the first time. */
  warnPersonalDataOnce(personId: number): Promise<boolean>;
  /** Records that the person has been given the first-contact notice. */
  markNoticed(personId: number): Promise<void>;
  /** Attach another channel identity to an existing person. */
  link(personId: number, identity: ChannelIdentity): Promise<void>;
}

/** Where a person stands in a guided conversation; survives restarts. */
export interface ConversationState {
  flowId: string;
  stepId: string;
  /** Steps visited before this one, for "Back". */
  history: string[];
  /** What the person typed or chose along the way. */
  vars: Record<string, string>;
  /** Choices an action offered at this step (value + label), resolved when tapped. */
  options?: { value: string; label: string }[];
  updatedAt: string;
}

export interface ConversationRepository {
  get(personId: number): Promise<ConversationState | undefined>;
  /** `at` defaults to now; the engine passes its own clock. */
  save(personId: number, state: Omit<ConversationState, 'updatedAt'>, at?: Date): Promise<void>;
  clear(personId: number): Promise<void>;
}

export interface ProcessedUpdateRepository {
  /** True the first time an update id is seen on a channel; false for a redelivery. */
  markProcessed(channel: ChannelName, updateId: string): Promise<boolean>;
  /** Forget ids older than the cut-off (redeliveries never come that late). */
  purgeBefore(cutoffIso: string): Promise<number>;
}

/**
 * The answer to one update, kept durably: marking the update answered and storing its
 * replies happen together, so a crash can never leave a person with half an answer.
 */
export interface CommittedTurn {
  /** One outbox row per reply, in order. */
  rowIds: number[];
  /**
   * True when earlier replies to the chat are not delivered yet: these wait behind them and
   * the outbox worker sends them in order; otherwise the channel sends them itself.
   */
  queued: boolean;
}

export interface TurnLedger {
  /** True when this update was answered before (a redelivery). */
  answered(channel: ChannelName, updateId: string): Promise<boolean>;
  /**
   * Marks the update answered and stores its replies (one outbox row each, in order) in one
   * transaction; undefined when the update was answered before. Without an update id (a
   * channel that de-duplicates on receipt), only the replies are stored.
   */
  commit(
    turn: { channel: ChannelName; updateId?: string; externalId: string; replies: Reply[] },
    at: Date,
  ): Promise<CommittedTurn | undefined>;
  /** One reply reached the person: its row, with the chat id in it, is deleted. */
  delivered(rowId: number): Promise<void>;
  /** Replies not sent now go to the outbox worker, from `at`. */
  handOver(rowIds: number[], at: Date, error: string): Promise<void>;
}
