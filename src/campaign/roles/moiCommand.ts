// /moi [unit] [role]: a head invites an official of a unit under them (a compiler or an
// administrator, of any unit), with a role no higher than their own. The answer is the
// one-time code, the Telegram link that redeems it and a QR code of that link, as the
// command-line `invite` prints them; createInvite audits it.
import QRCode from 'qrcode';
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Store } from '../../store/index.js';
import type { RelationOf } from '../access.js';
import { DEFAULT_INVITE_DAYS } from './invites.js';
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
import { type Role, roleFitsUnit } from './types.js';

export interface MoiDeps {
  store: Pick<Store, 'roles' | 'invites' | 'units'>;
  /** The bot's Telegram username (TELEGRAM_BOT_USERNAME): without it, no link and no QR code. */
  telegramBotUsername?: string | undefined;
}

/** How the QR code is drawn; large enough to scan from a phone screen held to another phone. */
export const INVITE_QR_OPTIONS = { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 } as const;

/** The deep link that runs `/dangky CODE` in the bot, as `npm run cli -- invite` prints it. */
export function inviteLink(username: string, code: string): string {
  return `https://t.me/${username.replace(/^@/, '')}?start=dangky-${code}`;
}

function inviteQrPng(link: string): Promise<Uint8Array> {
  return QRCode.toBuffer(link, INVITE_QR_OPTIONS);
}

/** "Tân Xuân báo cáo" → the unit words and the role, when the last word or two name one. */
function splitRole(args: string): { unit: string; role?: Role; roleTyped?: string } {
  const words = args.split(/\s+/).filter(Boolean);
  for (const take of [2, 1]) {
    if (words.length < take) continue;
    const typed = words.slice(-take).join(' ');
    const role = roleFromWords(typed);
    if (role) return { unit: words.slice(0, -take).join(' '), role, roleTyped: typed };
  }
  return { unit: words.join(' ') };
}

export function moi(deps: MoiDeps) {
  const { store } = deps;
  const relationOf: RelationOf = (from, to) => store.units.relationOf(from, to);
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const tr = ctx.tr;
    const roles = await store.roles.rolesOf(ctx.person.id);
    if (!managesAnywhere(roles, 'official.invite')) return [{ text: tr.t('campaign:moi.denied') }];
    const { unit: typedUnit, role } = splitRole(ctx.args.trim());

    if (typedUnit === '') {
      const units = await startingUnits(store, roles, 'official.invite', relationOf);
      const roleWord = role ? ` ${ROLE_WORDS[role]}` : '';
      return [
        {
          text: tr.t('campaign:moi.askUnit'),
          choices: await Promise.all(
            units.map(async (u) => ({ id: `/moi ${u.code}${roleWord}`, label: await unitLabel(store, tr, u) })),
          ),
        },
      ];
    }
    const lookup = await findManagedUnit(store, roles, 'official.invite', typedUnit, relationOf);
    if (lookup.status === 'notFound') return [{ text: tr.t('campaign:moi.notFound', { query: typedUnit }) }];
    if (lookup.status === 'several')
      return [
        {
          text: tr.t('campaign:officials.whichUnit', { query: typedUnit }),
          choices: await Promise.all(
            lookup.units.map(async (u) => ({
              id: `/moi ${u.code}${role ? ` ${ROLE_WORDS[role]}` : ''}`,
              label: await unitLabel(store, tr, u),
            })),
          ),
        },
      ];
    const unit = lookup.unit;
    const label = await unitLabel(store, tr, unit);
    const withinRank = await manageableRoles(roles, 'official.invite', unit.code, relationOf);
    const grantable = withinRank.filter((r) => roleFitsUnit(r, unit.kind));
    const roleChoices = grantable.map((r) => ({ id: `/moi ${unit.code} ${ROLE_WORDS[r]}`, label: roleButtonLabel(tr, r) }));
    if (!role) return [{ text: tr.t('campaign:moi.askRole', { unit: label }), choices: roleChoices }];
    if (!withinRank.includes(role))
      return [{ text: tr.t('campaign:moi.roleTooHigh', { role: tr.t(`campaign:roles.${role}`) }), choices: roleChoices }];
    if (!grantable.includes(role))
      return [{ text: tr.t('campaign:moi.roleNotHere', { role: tr.t(`campaign:roles.${role}`) }), choices: roleChoices }];

    const invite = await store.invites.createInvite(unit.code, role, ctx.now, DEFAULT_INVITE_DAYS, {
      actorId: ctx.person.id,
      source: 'chat',
    });
    const vars = {
      role: tr.t(`campaign:roles.${role}`),
      unit: label,
      code: invite.code,
      expires: tr.fmt.dateTime(invite.expiresAt),
    };
    const username = deps.telegramBotUsername?.replace(/^@/, '');
    if (!username) return [{ text: tr.t('campaign:moi.createdNoLink', vars) }];
    const url = inviteLink(username, invite.code);
    const reply: Reply = { text: tr.t('campaign:moi.created', { ...vars, url }) };
    if (ctx.capabilities.images) reply.image = { png: await inviteQrPng(url), caption: tr.t('campaign:moi.qrCaption', vars) };
    return [reply];
  };
}
