// invite --unit CODE --role ROLE [--days N]: a one-time code (and a Telegram deep link)
// that binds an official to the unit; invite:revoke ID|CODE withdraws one not yet used.
import { DEFAULT_INVITE_DAYS } from '../../campaign/roles/invites.js';
import { isRole, roleFitsUnit, ROLES } from '../../campaign/roles/types.js';
import { type CliCommand, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

export const inviteCommand: CliCommand = {
  name: 'invite',
  usage: `--unit CODE --role ${ROLES.join('|')} [--days ${DEFAULT_INVITE_DAYS}]  print a one-time registration code`,
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const unitCode = flags.unit?.toUpperCase();
    const role = flags.role;
    if (!unitCode || !role) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    const unit = await ctx.store.units.getUnit(unitCode);
    if (!unit) {
      ctx.io.err(tr.t('campaign:cli.unknownUnit', { code: unitCode }));
      return 1;
    }
    if (!isRole(role)) {
      ctx.io.err(tr.t('campaign:cli.unknownRole', { role, roles: ROLES.join(', ') }));
      return 1;
    }
    if (!roleFitsUnit(role, unit.kind)) {
      ctx.io.err(tr.t('campaign:cli.roleNotOnUnit', { role: tr.t(`campaign:roles.${role}`), unit: unit.name }));
      return 1;
    }
    const days = flags.days === undefined ? DEFAULT_INVITE_DAYS : Number(flags.days);
    if (!Number.isInteger(days) || days < 1 || days > 90) {
      ctx.io.err(tr.t('campaign:cli.badDays'));
      return 1;
    }
    const invite = await ctx.store.invites.createInvite(unit.code, role, ctx.now, days, { source: 'cli' });
    ctx.io.out(
      tr.t('campaign:cli.inviteCreated', {
        id: invite.id,
        role: tr.t(`campaign:roles.${role}`),
        unit: unit.name,
        code: invite.code,
        expires: tr.fmt.dateTime(invite.expiresAt),
      }),
    );
    const username = ctx.config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
    if (username) ctx.io.out(tr.t('campaign:cli.inviteLink', { url: `https://t.me/${username}?start=dangky-${invite.code}` }));
    return 0;
  },
};

export const inviteRevokeCommand: CliCommand = {
  name: 'invite:revoke',
  usage: 'ID|CODE  withdraw an invitation that has not been used',
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const target = parseFlags(args)._.trim();
    if (!target) {
      ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
      return 1;
    }
    if (!(await ctx.store.invites.revokeInvite(target, ctx.now))) {
      ctx.io.err(tr.t('campaign:cli.inviteNotRevoked'));
      return 1;
    }
    ctx.io.out(tr.t('campaign:cli.inviteRevoked'));
    return 0;
  },
};
