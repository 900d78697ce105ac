// /truc: the team leader sees the team and puts members on or off duty (those on duty are
// told first when a citizen asks for a person). A member sees their own number and status.
import { z } from 'zod';
import type { CommandContext } from '../bot/context.js';
import type { Choice, Reply } from '../bot/types.js';
import { CHOICE_ID_MAX_BYTES } from '../bot/types.js';
import { can } from '../campaign/access.js';
import type { CommunityServices } from './deps.js';

const RosterArgsSchema = z.union([
  z.tuple([]),
  z.tuple([z.string().toUpperCase()]),
  z.tuple([z.string().toUpperCase(), z.coerce.number().int().positive(), z.enum(['on', 'off'])]),
]);

async function rosterReply(s: CommunityServices, ctx: CommandContext, unitCode: string, before: string[]): Promise<Reply[]> {
  const unit = await s.store.units.getUnit(unitCode);
  const members = await s.roster.members(unitCode);
  const lines = [...before, ctx.tr.t('community:roster.heading', { unit: unit?.name ?? unitCode })];
  if (members.length === 0) return [{ text: [...lines, ctx.tr.t('community:roster.noMembers')].join('\n') }];
  const choices: Choice[] = [];
  for (const m of members) {
    lines.push(
      ctx.tr.t('community:roster.line', {
        id: m.personId,
        role: ctx.tr.t(`community:roster.roles.${m.role}`),
        state: ctx.tr.t(m.onDuty ? 'community:roster.onDuty' : 'community:roster.offDuty'),
      }),
    );
    const id = `/truc ${unitCode} ${m.personId} ${m.onDuty ? 'off' : 'on'}`;
    if (Buffer.byteLength(id) <= CHOICE_ID_MAX_BYTES)
      choices.push({ id, label: ctx.tr.t(m.onDuty ? 'community:roster.setOff' : 'community:roster.setOn', { id: m.personId }) });
  }
  if (!members.some((m) => m.onDuty)) lines.push(ctx.tr.t('community:roster.nobodyOnDuty'));
  return [{ text: lines.join('\n'), choices }];
}

export function rosterCommand(s: CommunityServices) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const parsed = RosterArgsSchema.safeParse(ctx.args.trim() ? ctx.args.trim().split(/\s+/) : []);
    if (!parsed.success) return [{ text: ctx.tr.t('community:roster.usage') }];
    const roles = await s.store.roles.rolesOf(ctx.person.id);
    const leads: string[] = [];
    for (const r of roles) if (await can([r], 'team.roster', r.unitCode, s.relationOf)) leads.push(r.unitCode);
    const [unitArg, personId, state] = parsed.data;
    if (leads.length === 0) {
      const memberships = roles.filter((r) => r.role === 'team_member');
      if (memberships.length === 0) return [{ text: ctx.tr.t('community:roster.notAllowed') }];
      // A member sees their own duty; asking for another team's roster is refused, not answered with one's own.
      const membership = unitArg === undefined ? memberships[0] : memberships.find((r) => r.unitCode === unitArg);
      if (!membership) return [{ text: ctx.tr.t('community:roster.notYourUnit', { unit: unitArg }) }];
      const onDuty = (await s.roster.onDuty(membership.unitCode)).includes(ctx.person.id);
      return [
        {
          text: ctx.tr.t(onDuty ? 'community:roster.selfOn' : 'community:roster.selfOff', {
            id: ctx.person.id,
            unit: (await s.store.units.getUnit(membership.unitCode))?.name ?? membership.unitCode,
          }),
        },
      ];
    }
    const unitCode = unitArg ?? leads[0]!;
    if (!(await can(roles, 'team.roster', unitCode, s.relationOf)))
      return [{ text: ctx.tr.t('community:roster.notYourUnit', { unit: unitCode }) }];
    if (personId === undefined) return rosterReply(s, ctx, unitCode, []);
    const changed = await s.roster.setDuty(unitCode, personId, state === 'on', ctx.person.id, ctx.now);
    const note = changed
      ? ctx.tr.t(state === 'on' ? 'community:roster.turnedOn' : 'community:roster.turnedOff', { id: personId })
      : ctx.tr.t('community:roster.notMember', { id: personId });
    return rosterReply(s, ctx, unitCode, [note, '']);
  };
}
