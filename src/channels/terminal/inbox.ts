// What the outbox holds for the person at the terminal (a reminder, an official's answer
// relayed to them, a message someone queued for later): no worker sends to the terminal,
// so the chat looks for it itself, about every second, shows it and marks it sent.
import type { Reply } from '../../bot/types.js';
import type { Store } from '../../store/index.js';

export interface TerminalInboxOptions {
  outbox: Pick<Store['outbox'], 'claimDueTo' | 'markSent' | 'retryAt'>;
  /** The terminal person's id (CHAT_USER). */
  externalId: string;
  now: () => Date;
  show(replies: Reply[]): void;
  /** False while a reply is being printed: messages wait for the next look. */
  ready?: () => boolean;
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

export interface TerminalInbox {
  /** Shows every message due now, in order, and marks each sent; resolves to how many. */
  check(): Promise<number>;
  /** Stops looking, once a look in progress is done (nothing keeps the process alive afterwards). */
  stop(): Promise<void>;
}

export function watchTerminalInbox(options: TerminalInboxOptions): TerminalInbox {
  const check = async (): Promise<number> => {
    const due = await options.outbox.claimDueTo('terminal', options.externalId, options.now(), 20);
    for (const message of due) {
      try {
        options.show(message.replies);
        await options.outbox.markSent(message.id, options.now());
      } catch (err) {
        await options.outbox.retryAt(
          message.id,
          new Date(options.now().getTime() + 60_000),
          err instanceof Error ? err.message : String(err),
        );
        throw err;
      }
    }
    return due.length;
  };
  let stopped = false;
  // One look at a time: a slow one is not overlapped by the next tick, and stop() waits for it.
  let looking: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (stopped || looking || options.ready?.() === false) return;
    looking = check()
      .then(
        () => undefined,
        (err: unknown) => options.onError?.(err),
      )
      .finally(() => (looking = undefined));
  }, options.intervalMs ?? 1000);
  return {
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await looking;
    },
  };
}
