// /dangky CODE (or the deep link `/start dangky-CODE`): an official redeems an invite and
// is bound to their unit with the invited role.
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Store } from '../../store/index.js';

export function dangky(store: Pick<Store, 'invites' | 'units'>) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const code = ctx.args.trim();
    if (code === '') return [{ text: ctx.tr.t('campaign:dangky.askCode') }];
    const outcome = await store.invites.redeemInvite({
      personId: ctx.person.id,
      ...(ctx.externalId !== undefined ? { identity: { channel: ctx.channel, externalId: ctx.externalId } } : {}),
      code,
      now: ctx.now,
      ...(ctx.log ? { log: ctx.log } : {}),
    });
    if (outcome.status === 'bound' || outcome.status === 'already') {
      const unit = await store.units.getUnit(outcome.unitCode);
      return [
        {
          text: ctx.tr.t(`campaign:dangky.${outcome.status}`, {
            unit: unit?.name ?? outcome.unitCode,
            role: ctx.tr.t(`campaign:roles.${outcome.role}`),
          }),
          choices: [{ id: '/tiendo', label: ctx.tr.t('campaign:dangky.seeProgress') }],
        },
      ];
    }
    return [{ text: ctx.tr.t(`campaign:dangky.${outcome.status}`) }];
  };
}
