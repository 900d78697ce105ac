// /moi [unit] [role]: a head invites an official of a unit under them (a compiler or an
// administrator, of any unit), with a role no higher than their own. The answer is the
// one-time code, the Telegram link that redeems it and a QR code of that link, as the
// command-line `invite` prints them; createInvite audits it.
import QRCode from 'qrcode';
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Db } from '../../store/database.js';
import { relationsFrom } from '../access.js';
import { createInvite, DEFAULT_INVITE_DAYS } from './invites.js';
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
import { rolesOf } from './repository.js';
import { type Role, roleFitsUnit } from './types.js';

export interface MoiDeps {
  db: Db;
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
  const { db } = deps;
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const tr = ctx.tr;
    const roles = rolesOf(db, ctx.person.id);
    if (!managesAnywhere(roles, 'official.invite')) return [{ text: tr.t('campaign:moi.denied') }];
    const relationOf = relationsFrom(db);
    const { unit: typedUnit, role } = splitRole(ctx.args.trim());

    if (typedUnit === '') {
      const units = startingUnits(db, roles, 'official.invite', relationOf);
      const roleWord = role ? ` ${ROLE_WORDS[role]}` : '';
      return [
        {
          text: tr.t('campaign:moi.askUnit'),
          choices: units.map((u) => ({ id: `/moi ${u.code}${roleWord}`, label: unitLabel(db, tr, u) })),
        },
      ];
    }
    const lookup = findManagedUnit(db, roles, 'official.invite', typedUnit, relationOf);
    if (lookup.status === 'notFound') return [{ text: tr.t('campaign:moi.notFound', { query: typedUnit }) }];
    if (lookup.status === 'several')
      return [
        {
          text: tr.t('campaign:officials.whichUnit', { query: typedUnit }),
          choices: lookup.units.map((u) => ({
            id: `/moi ${u.code}${role ? ` ${ROLE_WORDS[role]}` : ''}`,
            label: unitLabel(db, tr, u),
          })),
        },
      ];
    const unit = lookup.unit;
    const label = unitLabel(db, tr, unit);
    const withinRank = manageableRoles(roles, 'official.invite', unit.code, relationOf);
    const grantable = withinRank.filter((r) => roleFitsUnit(r, unit.kind));
    const roleChoices = grantable.map((r) => ({ id: `/moi ${unit.code} ${ROLE_WORDS[r]}`, label: roleButtonLabel(tr, r) }));
    if (!role) return [{ text: tr.t('campaign:moi.askRole', { unit: label }), choices: roleChoices }];
    if (!withinRank.includes(role))
      return [{ text: tr.t('campaign:moi.roleTooHigh', { role: tr.t(`campaign:roles.${role}`) }), choices: roleChoices }];
    if (!grantable.includes(role))
      return [{ text: tr.t('campaign:moi.roleNotHere', { role: tr.t(`campaign:roles.${role}`) }), choices: roleChoices }];

    const invite = createInvite(db, unit.code, role, ctx.now, DEFAULT_INVITE_DAYS, { actorId: ctx.person.id, source: 'chat' });
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
