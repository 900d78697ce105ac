// The relay: once an official has taken a citizen's request, what either side types goes
// to the other through the outbox, whatever channel each uses. The engine has already
// masked ID numbers, phone numbers, OTPs and passwords; when it did, both sides are told.
// Photos and files are never passed on.
import type { TurnContext } from '../bot/context.js';
import type { InterceptedMessage, MessageInterceptor } from '../bot/module.js';
import type { Reply } from '../bot/types.js';
import type { PersonalDataKind } from '../bot/personalData.js';
import type { Translator } from '../i18n/index.js';
import type { CommunityServices } from './deps.js';
import type { HandoffTicket } from './tickets.js';

function maskedKinds(tr: Translator, kinds: PersonalDataKind[]): string {
  return kinds.map((k) => tr.t(`community:pii.${k}`)).join(', ');
}

async function fromCitizen(
  s: CommunityServices,
  ctx: TurnContext,
  ticket: HandoffTicket,
  message: InterceptedMessage,
): Promise<Reply[]> {
  const official = ticket.takenBy;
  if (official === null) return [];
  if (message.kind === 'media') {
    await s.messenger.send({
      key: `handoff:${ticket.id}:relay:${await s.tickets.countRelay(ticket.id, false, ctx.now)}`,
      personId: official,
      about: ctx.person.id,
      ...(ticket.official ? { to: ticket.official } : {}),
      build: (tr) => [{ text: tr.t('community:relay.citizenSentMedia', { id: ticket.id }) }],
      at: ctx.now,
    });
    return [{ text: ctx.tr.t('community:relay.mediaNotPassed') }];
  }
  await s.messenger.send({
    key: `handoff:${ticket.id}:relay:${await s.tickets.countRelay(ticket.id, false, ctx.now)}`,
    personId: official,
    about: ctx.person.id,
    ...(ticket.official ? { to: ticket.official } : {}),
    build: (tr) => [
      {
        text: [
          tr.t('community:relay.fromCitizen', { id: ticket.id, text: message.text }),
          ...(message.masked.length
            ? [tr.t('community:relay.maskedForOfficial', { kinds: maskedKinds(tr, message.masked) })]
            : []),
        ].join('\n'),
      },
    ],
    at: ctx.now,
  });
  return message.masked.length
    ? [{ text: ctx.tr.t('community:relay.maskedForCitizen', { kinds: maskedKinds(ctx.tr, message.masked) }) }]
    : [];
}

async function fromOfficial(
  s: CommunityServices,
  ctx: TurnContext,
  ticket: HandoffTicket,
  message: InterceptedMessage,
): Promise<Reply[]> {
  if (ticket.citizenId === null) return [{ text: ctx.tr.t('community:relay.citizenGone', { id: ticket.id }) }];
  if (message.kind === 'media') return [{ text: ctx.tr.t('community:relay.officialMediaNotPassed') }];
  await s.messenger.send({
    key: `handoff:${ticket.id}:relay:${await s.tickets.countRelay(ticket.id, true, ctx.now)}`,
    personId: ticket.citizenId,
    to: ticket.citizen,
    build: (tr) => [{ text: tr.t('community:relay.fromOfficial', { text: message.text }) }],
    at: ctx.now,
  });
  return message.masked.length
    ? [{ text: ctx.tr.t('community:relay.maskedFromOfficial', { kinds: maskedKinds(ctx.tr, message.masked) }) }]
    : [];
}

export function relayInterceptor(s: CommunityServices): MessageInterceptor {
  return async (ctx, message) => {
    const own = await s.tickets.openOf(ctx.person.id);
    if (own?.status === 'taken') return fromCitizen(s, ctx, own, message);
    const active = await s.tickets.activeFor(ctx.person.id);
    if (active) return fromOfficial(s, ctx, active, message);
    // Waiting for someone to take it: say so, unless the person is busy in a guide.
    if (own?.status === 'waiting' && message.kind === 'text' && !(await s.store.conversations.get(ctx.person.id)))
      return [{ text: ctx.tr.t('community:relay.stillWaiting', { id: own.id, time: ctx.tr.fmt.dateTime(own.openedAt) }) }];
    return undefined;
  };
}
