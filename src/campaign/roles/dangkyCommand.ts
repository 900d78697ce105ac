// /dangky CODE (or the deep link `/start dangky-CODE`): an official redeems an invite and
// is bound to their unit with the invited role.
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Db } from '../../store/database.js';
import { getUnit } from '../units/repository.js';
import { redeemInvite } from './invites.js';
import { AuditLog } from '../../store/audit.js';

export function dangky(db: Db) {
  const audit = new AuditLog(db);
  return (ctx: CommandContext): Reply[] => {
    const code = ctx.args.trim();
    if (code === '') return [{ text: ctx.tr.t('campaign:dangky.askCode') }];
    const outcome = redeemInvite(db, ctx.person.id, code, ctx.now);
    if (outcome.status === 'bound')
      audit.record({ actorId: ctx.person.id, action: 'official.registered', unitCode: outcome.unitCode, details: { role: outcome.role }, at: ctx.now });
    if (outcome.status === 'bound' || outcome.status === 'already') {
      const unit = getUnit(db, outcome.unitCode);
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
