// /thuhoi [unit]: a head withdraws the role of an official of a unit under them (a compiler
// or an administrator, of any unit), never a role above their own. No name is stored, so
// officials are listed by role, since-date and person number, as `roles --unit` lists them;
// a tap asks to confirm, and the confirmation withdraws at once through withdrawRole
// (the same as `roles:revoke`), which audits it.
import type { CommandContext } from '../../bot/context.js';
import type { Choice, Reply } from '../../bot/types.js';
import type { Store } from '../../store/index.js';
import type { RelationOf } from '../access.js';
import type { Unit } from '../units/types.js';
import {
  findManagedUnit,
  manageableRoles,
  managesAnywhere,
  ROLE_WORDS,
  roleButtonLabel,
  roleFromWords,
  startingUnits,
  unitLabel,
} from './manage.js';
import type { PersonRole, Role } from './types.js';

type ThuhoiStore = Pick<Store, 'roles' | 'units'>;

const CONFIRM_WORDS = new Set(['ok', 'xacnhan', 'confirm']);

/** `CODE PERSON ROLE [ok]`: one official's role, as the list's buttons send it. */
async function namedRole(
  store: ThuhoiStore,
  args: string,
): Promise<{ unit: Unit; personId: number; role: Role; confirmed: boolean } | undefined> {
  const [code = '', person = '', roleWord = '', confirm, ...rest] = args.split(/\s+/);
  if (rest.length > 0 || !/^\d{1,12}$/.test(person)) return undefined;
  const role = roleFromWords(roleWord);
  if (!role) return undefined;
  const unit = await store.units.getUnit(code.toUpperCase());
  if (!unit) return undefined;
  if (confirm !== undefined && !CONFIRM_WORDS.has(confirm.toLowerCase())) return undefined;
  return { unit, personId: Number(person), role, confirmed: confirm !== undefined };
}

export function thuhoi(store: ThuhoiStore) {
  const relationOf: RelationOf = (from, to) => store.units.relationOf(from, to);
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const tr = ctx.tr;
    const roles = await store.roles.rolesOf(ctx.person.id);
    if (!managesAnywhere(roles, 'official.withdraw')) return [{ text: tr.t('campaign:thuhoi.denied') }];
    const args = ctx.args.trim();

    if (args === '') {
      const units = await startingUnits(store, roles, 'official.withdraw', relationOf);
      return [
        {
          text: tr.t('campaign:thuhoi.askUnit'),
          choices: await Promise.all(units.map(async (u) => ({ id: `/thuhoi ${u.code}`, label: await unitLabel(store, tr, u) }))),
        },
      ];
    }

    const named = await namedRole(store, args);
    if (named) {
      const { unit, personId, role } = named;
      const allowed = await manageableRoles(roles, 'official.withdraw', unit.code, relationOf);
      if (allowed.length === 0) return [{ text: tr.t('campaign:thuhoi.notFound', { query: unit.code }) }];
      const vars = { role: tr.t(`campaign:roles.${role}`), person: personId, unit: await unitLabel(store, tr, unit) };
      if (!allowed.includes(role)) return [{ text: tr.t('campaign:thuhoi.roleTooHigh', vars) }];
      if (personId === ctx.person.id) return [{ text: tr.t('campaign:thuhoi.self') }];
      const held = (await store.roles.officialsOf(unit.code)).some((r) => r.personId === personId && r.role === role);
      const back: Choice = { id: `/thuhoi ${unit.code}`, label: tr.t('campaign:thuhoi.keepButton') };
      if (!held) return [{ text: tr.t('campaign:thuhoi.notHeld', vars), choices: [back] }];
      if (!named.confirmed)
        return [
          {
            text: tr.t('campaign:thuhoi.confirm', vars),
            choices: [
              { id: `/thuhoi ${unit.code} ${personId} ${ROLE_WORDS[role]} ok`, label: tr.t('campaign:thuhoi.confirmButton') },
              back,
            ],
          },
        ];
      if (!(await store.roles.withdrawRole({ personId, unitCode: unit.code, role }, ctx.now, ctx.person.id)))
        return [{ text: tr.t('campaign:thuhoi.notHeld', vars), choices: [back] }];
      return [{ text: tr.t('campaign:thuhoi.done', vars) }];
    }

    const lookup = await findManagedUnit(store, roles, 'official.withdraw', args, relationOf);
    if (lookup.status === 'notFound') return [{ text: tr.t('campaign:thuhoi.notFound', { query: args }) }];
    if (lookup.status === 'several')
      return [
        {
          text: tr.t('campaign:officials.whichUnit', { query: args }),
          choices: await Promise.all(
            lookup.units.map(async (u) => ({ id: `/thuhoi ${u.code}`, label: await unitLabel(store, tr, u) })),
          ),
        },
      ];
    const allowed = await manageableRoles(roles, 'official.withdraw', lookup.unit.code, relationOf);
    return officialsList(ctx, store, lookup.unit, allowed);
  };
}

async function officialsList(ctx: CommandContext, store: ThuhoiStore, unit: Unit, allowed: readonly Role[]): Promise<Reply[]> {
  const tr = ctx.tr;
  const label = await unitLabel(store, tr, unit);
  const officials: PersonRole[] = (await store.roles.officialsOf(unit.code)).filter(
    (r) => allowed.includes(r.role) && r.personId !== ctx.person.id,
  );
  if (officials.length === 0) return [{ text: tr.t('campaign:thuhoi.none', { unit: label }) }];
  const lines = officials.map((r, i) =>
    tr.t('campaign:thuhoi.line', {
      n: i + 1,
      role: roleButtonLabel(tr, r.role),
      person: r.personId,
      since: tr.fmt.date(new Date(r.grantedAt)),
    }),
  );
  return [
    {
      text: [tr.t('campaign:thuhoi.list', { unit: label }), ...lines, tr.t('campaign:thuhoi.pick')].join('\n'),
      choices: officials.map((r, i) => ({
        id: `/thuhoi ${unit.code} ${r.personId} ${ROLE_WORDS[r.role]}`,
        label: tr.t('campaign:thuhoi.choice', { n: i + 1, role: roleButtonLabel(tr, r.role), person: r.personId }),
      })),
    },
  ];
}
