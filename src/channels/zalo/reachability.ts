// Where a channel records that Zalo will not let us message a person (and that they can
// be reached again once they write). The outbox keeps these marks for every channel.
import type { ChannelName } from '../../bot/types.js';

export interface ReachabilityMarks {
  setUnreachable(channel: ChannelName, externalId: string, reason: string, at: Date): Promise<void>;
  setReachable(channel: ChannelName, externalId: string): Promise<void>;
}
