// roles --person ID | --unit CODE: a person's roles, or the officials of a unit, then the
// roles withdrawn in the last days (from the audit log), so a withdrawal can be checked.
import { officialsOf, rolesOf } from '../../campaign/roles/repository.js';
import { withdrawalsSince } from '../../campaign/roles/withdraw.js';
import type { PersonRole } from '../../campaign/roles/types.js';
import { getUnit } from '../../campaign/units/repository.js';
import type { Translator } from '../../i18n/index.js';
import { type CliCommand, type CliContext, parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';

function printRoles(ctx: CliContext, tr: Translator, roles: PersonRole[]): void {
  if (roles.length === 0) ctx.io.out(tr.t('campaign:cli.noRoles'));
  for (const r of roles)
    ctx.io.out(
      tr.t('campaign:cli.roleLine', {
        role: tr.t(`campaign:roles.${r.role}`),
        unit: getUnit(ctx.store.db, r.unitCode)?.name ?? r.unitCode,
        person: r.personId,
        since: tr.fmt.dateTime(new Date(r.grantedAt)),
      }),
    );
}

const RECENT_DAYS = 30;

function printWithdrawals(ctx: CliContext, tr: Translator, about: Parameters<typeof withdrawalsSince>[2]): void {
  const events = withdrawalsSince(ctx.store.audit, new Date(ctx.now.getTime() - RECENT_DAYS * 86_400_000), about);
  if (events.length === 0) return;
  ctx.io.out(tr.t('campaign:cli.recentRevocations', { days: RECENT_DAYS }));
  for (const e of events)
    ctx.io.out(
      tr.t('campaign:cli.revokedLine', {
        role: tr.t(`campaign:roles.${String(e.details.role)}`),
        unit: (e.unitCode && getUnit(ctx.store.db, e.unitCode)?.name) ?? e.unitCode,
        person: e.subject?.replace(/^person:/, ''),
        at: tr.fmt.dateTime(new Date(e.at)),
      }),
    );
}

export const rolesCommand: CliCommand = {
  name: 'roles',
  usage: "--person ID | --unit CODE  list a person's roles or a unit's officials, and roles withdrawn in the last 30 days",
  run(args, ctx) {
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    if (flags.person && /^\d+$/.test(flags.person)) {
      ctx.io.out(tr.t('campaign:cli.rolesOfPerson', { person: flags.person }));
      printRoles(ctx, tr, rolesOf(ctx.store.db, Number(flags.person)));
      printWithdrawals(ctx, tr, { personId: Number(flags.person) });
      return 0;
    }
    if (flags.unit) {
      const unit = getUnit(ctx.store.db, flags.unit.toUpperCase());
      if (!unit) {
        ctx.io.err(tr.t('campaign:cli.unknownUnit', { code: flags.unit }));
        return 1;
      }
      ctx.io.out(tr.t('campaign:cli.officialsOfUnit', { unit: unit.name }));
      printRoles(ctx, tr, officialsOf(ctx.store.db, unit.code));
      printWithdrawals(ctx, tr, { unitCode: unit.code });
      return 0;
    }
    ctx.io.err(tr.t('campaign:cli.usage', { usage: `${this.name} ${this.usage}` }));
    return 1;
  },
};
