// roles --person ID | --unit CODE: a person's roles, or the officials of a unit, then the
// roles withdrawn in the last days (from the audit log), so a withdrawal can be checked.
import { withdrawalsSince } from '../../campaign/roles/withdraw.js';
import type { PersonRole } from '../../campaign/roles/types.js';
import type { Translator } from '../../i18n/index.js';
import { type CliCommand, type CliContext, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

/** A unit's name for a line, its code when it is gone. */
async function unitName(ctx: CliContext, code: string): Promise<string> {
  return (await ctx.store.units.getUnit(code))?.name ?? code;
}

async function printRoles(ctx: CliContext, tr: Translator, roles: PersonRole[]): Promise<void> {
  if (roles.length === 0) ctx.io.out(tr.t('campaign:cli.noRoles'));
  for (const r of roles)
    ctx.io.out(
      tr.t('campaign:cli.roleLine', {
        role: tr.t(`campaign:roles.${r.role}`),
        unit: await unitName(ctx, r.unitCode),
        person: r.personId,
        since: tr.fmt.dateTime(new Date(r.grantedAt)),
      }),
    );
}

const RECENT_DAYS = 30;

async function printWithdrawals(ctx: CliContext, tr: Translator, about: Parameters<typeof withdrawalsSince>[2]): Promise<void> {
  const events = await withdrawalsSince(ctx.store.audit, new Date(ctx.now.getTime() - RECENT_DAYS * 86_400_000), about);
  if (events.length === 0) return;
  ctx.io.out(tr.t('campaign:cli.recentRevocations', { days: RECENT_DAYS }));
  for (const e of events)
    ctx.io.out(
      tr.t('campaign:cli.revokedLine', {
        role: tr.t(`campaign:roles.${String(e.details.role)}`),
        unit: e.unitCode && (await unitName(ctx, e.unitCode)),
        person: e.subject?.replace(/^person:/, ''),
        at: tr.fmt.dateTime(new Date(e.at)),
      }),
    );
}

export const rolesCommand: CliCommand = {
  name: 'roles',
  usage: "--person ID | --unit CODE  list a person's roles or a unit's officials, and roles withdrawn in the last 30 days",
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    if (flags.person && /^\d+$/.test(flags.person)) {
      ctx.io.out(tr.t('campaign:cli.rolesOfPerson', { person: flags.person }));
      await printRoles(ctx, tr, await ctx.store.roles.rolesOf(Number(flags.person)));
      await printWithdrawals(ctx, tr, { personId: Number(flags.person) });
      return 0;
    }
    if (flags.unit) {
      const unit = await ctx.store.units.getUnit(flags.unit.toUpperCase());
      if (!unit) {
        ctx.io.err(tr.t('campaign:cli.unknownUnit', { code: flags.unit }));
        return 1;
      }
      ctx.io.out(tr.t('campaign:cli.officialsOfUnit', { unit: unit.name }));
      await printRoles(ctx, tr, await ctx.store.roles.officialsOf(unit.code));
      await printWithdrawals(ctx, tr, { unitCode: unit.code });
      return 0;
    }
    ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
    return 1;
  },
};
