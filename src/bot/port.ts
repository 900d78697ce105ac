// What a channel adapter sees of the engine: one inbound event in, the replies out.
import type { ChannelCapabilities, Inbound, Reply } from './types.js';

export interface BotEngine {
  /** Handles one event; events of the same person are handled strictly in order. */
  handle(inbound: Inbound, capabilities: ChannelCapabilities): Promise<Reply[]>;
  /** A polite apology in the person's language, for when handling failed. */
  apology(inbound: Pick<Inbound, 'channel' | 'externalId'>): Promise<Reply>;
  /** Waits for every event already accepted to finish (graceful shutdown). */
  drain(): Promise<void>;
}
