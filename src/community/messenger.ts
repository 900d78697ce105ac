// Messages the bot sends on its own initiative about a ticket (notices to officials, relayed
// words, the rating question) all go through the durable outbox, in the reader's language,
// to the channel the reader uses, each under a key that makes a retry harmless. Never called
// inside a transaction: the outbox write is its own.
import type { Reply } from '../bot/types.js';
import type { Texts, Translator } from '../i18n/index.js';
import type { Store } from '../store/index.js';
import type { ChannelIdentity } from '../store/repositories.js';

export interface Delivery {
  key: string;
  personId: number;
  /** Where to send; default: the first channel the person reached us on. */
  to?: ChannelIdentity;
  /** The citizen whose words or request the message carries: erasing them withdraws it. */
  about?: number | null;
  build: (tr: Translator) => Reply[];
  at: Date;
  /** Default: at once. */
  notBefore?: Date;
}

export class HandoffMessenger {
  constructor(
    private readonly store: Pick<Store, 'persons' | 'outbox'>,
    private readonly texts: Texts,
  ) {}

  async translatorFor(personId: number): Promise<Translator> {
    return this.texts.for((await this.store.persons.get(personId))?.locale ?? 'vi');
  }

  /** True when queued; false when already queued under this key or the person has no channel. */
  async send(d: Delivery): Promise<boolean> {
    const to = d.to ?? (await this.store.persons.identities(d.personId))[0];
    if (!to) return false;
    return this.store.outbox.enqueue(
      {
        idempotencyKey: d.key,
        personId: d.personId,
        channel: to.channel,
        externalId: to.externalId,
        purpose: 'handoff',
        ...(d.about ? { aboutPersonId: d.about } : {}),
        replies: d.build(await this.translatorFor(d.personId)),
        notBefore: d.notBefore ?? d.at,
      },
      d.at,
    );
  }
}
