// roles:revoke: withdraws an official's role at once, named by person id, unit and role,
// or by the invitation they registered with. No Telegram username is stored anywhere, so
// an official cannot be named by it: `roles --unit CODE` shows the person ids.
import { isRole, ROLES } from '../../campaign/roles/types.js';
import type { HeldRole } from '../../campaign/roles/withdraw.js';
import { type CliCommand, type CliContext, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

type Resolved = { ok: true; held: HeldRole } | { ok: false; error: string };

async function byPerson(ctx: CliContext, flags: Record<string, string>, usage: string): Promise<Resolved> {
  const tr = cliTranslator(ctx);
  const { person, unit: unitFlag, role } = flags;
  if (!person || !/^\d+$/.test(person) || !unitFlag || !role) return { ok: false, error: tr.t('campaign:cli.usage', { usage }) };
  const unit = await ctx.store.units.getUnit(unitFlag.toUpperCase());
  if (!unit) return { ok: false, error: tr.t('campaign:cli.unknownUnit', { code: unitFlag.toUpperCase() }) };
  if (!isRole(role)) return { ok: false, error: tr.t('campaign:cli.unknownRole', { role, roles: ROLES.join(', ') }) };
  if (!(await ctx.store.roles.personExists(Number(person))))
    return { ok: false, error: tr.t('campaign:cli.unknownPerson', { person }) };
  return { ok: true, held: { personId: Number(person), unitCode: unit.code, role } };
}

async function byInvite(ctx: CliContext, invite: string): Promise<Resolved> {
  const tr = cliTranslator(ctx);
  const holder = await ctx.store.roles.holderOfInvite(invite);
  if (holder.found) return { ok: true, held: holder.held };
  const key = { unknown: 'inviteUnknown', unused: 'inviteNotUsed', holderErased: 'inviteHolderErased' }[holder.why];
  return { ok: false, error: tr.t(`campaign:cli.${key}`, { id: holder.inviteId }) };
}

export const rolesRevokeCommand: CliCommand = {
  name: 'roles:revoke',
  usage:
    "--person ID --unit CODE --role ROLE | --invite ID|CODE  withdraw an official's role at once (no Telegram username is stored: take the person id from `roles`)",
  async run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const usage = `${this.name} ${this.usage}`;
    const resolved =
      flags.invite && flags.invite !== 'true' ? await byInvite(ctx, flags.invite) : await byPerson(ctx, flags, usage);
    if (!resolved.ok) {
      ctx.io.err(resolved.error);
      return 1;
    }
    const { held } = resolved;
    const vars = {
      person: held.personId,
      role: tr.t(`campaign:roles.${held.role}`),
      unit: (await ctx.store.units.getUnit(held.unitCode))?.name ?? held.unitCode,
    };
    if (!(await ctx.store.roles.withdrawRole(held, ctx.now))) {
      ctx.io.err(tr.t('campaign:cli.roleNotHeld', vars));
      return 1;
    }
    ctx.io.out(tr.t('campaign:cli.roleRevoked', vars));
    return 0;
  },
};
