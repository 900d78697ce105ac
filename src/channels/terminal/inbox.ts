// What the outbox holds for the person at the terminal (a reminder, an official's answer
// relayed to them, a message someone queued for later): no worker sends to the terminal,
// so the chat looks for it itself, about every second, shows it and marks it sent.
import type { Reply } from '../../bot/types.js';
import type { Outbox } from '../../store/outbox.js';

export interface TerminalInboxOptions {
  outbox: Outbox;
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
  /** Shows every message due now, in order, and marks each sent; returns how many. */
  check(): number;
  /** Stops looking (nothing keeps the process alive afterwards). */
  stop(): void;
}

export function watchTerminalInbox(options: TerminalInboxOptions): TerminalInbox {
  const check = (): number => {
    const due = options.outbox.claimDueTo('terminal', options.externalId, options.now(), 20);
    for (const message of due) {
      try {
        options.show(message.replies);
        options.outbox.markSent(message.id, options.now());
      } catch (err) {
        options.outbox.retryAt(
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
  const timer = setInterval(() => {
    if (stopped || options.ready?.() === false) return;
    try {
      check();
    } catch (err) {
      options.onError?.(err);
    }
  }, options.intervalMs ?? 1000);
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
