// Sends the replies a channel committed for one update (see TurnLedger), in order, each
// deleted from the outbox as soon as it went. The first that fails, and everything after
// it, is handed to the outbox worker, which retries with back-off and keeps the order.
import type { Reply } from './types.js';
import type { TurnLedger } from '../store/repositories.js';

export interface CommittedReplies {
  rowIds: number[];
  replies: Reply[];
}

/** A send that failed is tried again by the worker after this long. */
const HAND_OVER_AFTER_MS = 2000;

/** Sends committed replies in order, deleting each from the outbox once sent; on the first failure hands it and the rest to the outbox worker. */
export async function sendCommitted(
  ledger: Pick<TurnLedger, 'delivered' | 'handOver'>,
  committed: CommittedReplies,
  send: (reply: Reply) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<{ sent: number; error?: unknown }> {
  const { rowIds, replies } = committed;
  for (let i = 0; i < replies.length; i++) {
    try {
      await send(replies[i]!);
    } catch (error) {
      await ledger.handOver(
        rowIds.slice(i),
        new Date(now().getTime() + HAND_OVER_AFTER_MS),
        error instanceof Error ? error.name : 'send failed',
      );
      return { sent: i, error };
    }
    await ledger.delivered(rowIds[i]!);
  }
  return { sent: replies.length };
}
