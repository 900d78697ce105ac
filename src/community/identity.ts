// The channel identity a person is using in this turn (the turn context knows the channel,
// the store knows the id on it), so answers go back where the person wrote from.
import type { TurnContext } from '../bot/context.js';
import type { ChannelIdentity } from '../store/repositories.js';
import type { Store } from '../store/index.js';

export async function currentIdentity(store: Pick<Store, 'persons'>, ctx: TurnContext): Promise<ChannelIdentity | undefined> {
  const identities = await store.persons.identities(ctx.person.id);
  return identities.find((i) => i.channel === ctx.channel) ?? identities[0];
}
