// Channel-neutral messages: every channel adapter turns its platform's updates into an
// `Inbound` and renders each `Reply` the engine returns. Nothing here knows a platform.

export type ChannelName = 'telegram' | 'zalo' | 'zalo_bot' | 'terminal';

export type InboundEvent =
  | { kind: 'text'; text: string }
  | { kind: 'command'; name: string; args: string }
  /** A tapped button, or a numbered answer a channel resolved to a choice id. */
  | { kind: 'choice'; id: string }
  /** First contact or a deep link (`/start PAYLOAD`). */
  | { kind: 'start'; payload?: string }
  /**
   * A photo, file, sticker… The engine never keeps its content. A channel that can fetch
   * a file a person sent adds a reference to it; nothing is downloaded unless asked.
   */
  | { kind: 'media'; mediaKind: 'image' | 'file' | 'other'; file?: InboundFile };

/** A file a person sent, fetched only when a module asks for it, and never kept. */
export interface InboundFile {
  /** Its name as the sender's app gave it, when it gave one. */
  name?: string;
  /** Its size in bytes, when the platform tells it before downloading. */
  size?: number;
  mimeType?: string;
  /** Fetches the content, for the caller to read and let go. */
  download(): Promise<Uint8Array>;
}

export interface Inbound {
  channel: ChannelName;
  /** The person's id on that channel (Telegram chat id, Zalo user id, …). */
  externalId: string;
  /** The platform's language hint (e.g. Telegram's language_code), used only on first contact. */
  languageHint?: string;
  event: InboundEvent;
  /**
   * The channel commits the answer through the TurnLedger, which also records that the
   * first-contact notice went out; otherwise the engine records it as it answers.
   */
  answeredDurably?: boolean;
  /**
   * How that channel commits the answer: the engine calls it before the chat's turn ends, so
   * no other turn of the chat (here or on another replica) runs between answer and commit.
   */
  commit?: (replies: Reply[]) => Promise<void>;
  /**
   * Whether this very update was answered already: asked once the chat's turn has begun, so
   * a copy delivered to another replica while the first was being handled waits for it and
   * then does nothing, rather than move the person's conversation a second time.
   */
  answered?: () => Promise<boolean>;
}

export interface Choice {
  /**
   * What a tap sends back. Flow buttons use choiceToken(); an id that starts with "/" is
   * run as that command line (e.g. "/tiendo BT-BATRI"), which is how domain replies offer
   * follow-up actions. At most 64 bytes.
   */
  id: string;
  label: string;
}

export interface Link {
  label: string;
  url: string;
}

export interface Reply {
  /** Already localised. */
  text: string;
  choices?: Choice[];
  links?: Link[];
  image?: { png: Uint8Array; caption?: string };
  document?: { filename: string; bytes: Uint8Array; caption?: string };
}

/** What a channel can show; the engine only adapts to these, never to a platform name. */
export interface ChannelCapabilities {
  buttons: boolean;
  images: boolean;
  documents: boolean;
  /** Longest text one message may carry. */
  maxTextLength: number;
}

export const CHOICE_ID_MAX_BYTES = 64;
