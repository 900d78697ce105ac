// /tiendo [name or code]: an official's view of their unit, or of a unit beneath it.
// Who may see what is decided by access.ts alone; a refusal never names or counts a unit.
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Db } from '../../store/database.js';
import { can, type RelationOf, relationsFrom, scopesFor } from '../access.js';
import { rolesOf } from '../roles/repository.js';
import type { PersonRole } from '../roles/types.js';
import { ancestorCodes, getUnit } from '../units/repository.js';
import { findUnitsByName } from '../units/search.js';
import type { Unit } from '../units/types.js';
import { dayAsDate, provinceDay } from '../weeks.js';
import { cumulativePoints, progressChartSvg, renderPng } from './chart.js';
import { packLines, progressReplies } from './progressReply.js';
import { communityProgressLines } from '../../community/progressSection.js';
import { type UnitProgress, unitProgress } from './unitProgress.js';

const AMBIGUOUS_LIMIT = 8;

/** The unit /tiendo shows without arguments: compilers and admins see their province. */
export function homeUnit(db: Db, roles: readonly PersonRole[]): string | undefined {
  const wide = roles.find((r) => r.role === 'compiler' || r.role === 'admin');
  if (wide) return ancestorCodes(db, wide.unitCode)[0] ?? wide.unitCode;
  // Otherwise the highest unit the person holds a role on.
  return [...roles].sort((a, b) => ancestorCodes(db, a.unitCode).length - ancestorCodes(db, b.unitCode).length)[0]?.unitCode;
}

function visibleMatches(db: Db, roles: readonly PersonRole[], query: string, relationOf: RelationOf): Unit[] {
  const scopes = scopesFor(roles, 'progress.view');
  const found =
    scopes === 'anywhere'
      ? findUnitsByName(db, query, { limit: AMBIGUOUS_LIMIT + 1 })
      : scopes.flatMap((under) => findUnitsByName(db, query, { under, limit: AMBIGUOUS_LIMIT + 1 }));
  const unique = [...new Map(found.map((u) => [u.code, u])).values()];
  return unique.filter((u) => can(roles, 'progress.view', u.code, relationOf));
}

function chartFor(ctx: CommandContext, p: UnitProgress): Uint8Array | undefined {
  if (!ctx.capabilities.images || p.weekly.length === 0) return undefined;
  // Each point is labelled with the last day it covers: the current week stops at the data.
  const until = p.dataUntil ?? p.range.to;
  const points = cumulativePoints(
    p.weekly,
    (weekEnd) => (weekEnd < until ? weekEnd : until),
    (day) => ctx.tr.fmt.date(dayAsDate(day)).slice(0, 5),
  );
  const svg = progressChartSvg(points, p.campaign.targets, {
    rates: {
      online: ctx.tr.t('campaign:rates.online'),
      payment: ctx.tr.t('campaign:rates.payment'),
      digitization: ctx.tr.t('campaign:rates.digitization'),
    },
    percent: (r) => ctx.tr.fmt.percent(r).replace(/[,.]0%$/, '%'),
  });
  return renderPng(svg);
}

export function showProgress(ctx: CommandContext, db: Db, unitCode: string): Reply[] {
  const today = provinceDay(ctx.now);
  const lookup = unitProgress(db, unitCode, today);
  if (lookup.status === 'noUnit') return [{ text: ctx.tr.t('campaign:tiendo.notFound', { query: unitCode }) }];
  if (lookup.status === 'noCampaign') return [{ text: ctx.tr.t('campaign:tiendo.noCampaign', { unit: lookup.unit.name }) }];
  const chart = chartFor(ctx, lookup.progress);
  const replies = progressReplies(ctx.tr, lookup.progress, {
    today,
    maxTextLength: ctx.capabilities.maxTextLength,
    ...(chart ? { chart } : {}),
  });
  const community = communityProgressLines(db, ctx.tr, lookup.progress.unit, lookup.progress.range);
  if (community.length > 0) replies.push(...packLines(community, ctx.capabilities.maxTextLength).map((text) => ({ text })));
  return replies;
}

export function tiendo(db: Db) {
  return (ctx: CommandContext): Reply[] => {
    const roles = rolesOf(db, ctx.person.id);
    if (roles.length === 0) return [{ text: ctx.tr.t('campaign:tiendo.officialsOnly') }];
    const relationOf = relationsFrom(db);
    const query = ctx.args.trim();
    if (query === '') {
      const home = homeUnit(db, roles);
      if (!home || !can(roles, 'progress.view', home, relationOf)) return [{ text: ctx.tr.t('campaign:tiendo.officialsOnly') }];
      return showProgress(ctx, db, home);
    }
    const matches = visibleMatches(db, roles, query, relationOf);
    if (matches.length === 0) return [{ text: ctx.tr.t('campaign:tiendo.notFound', { query }) }];
    if (matches.length === 1) return showProgress(ctx, db, matches[0]!.code);
    const shown = matches.slice(0, AMBIGUOUS_LIMIT);
    return [
      {
        text: ctx.tr.t(matches.length > AMBIGUOUS_LIMIT ? 'campaign:tiendo.manyMatches' : 'campaign:tiendo.whichUnit', { query }),
        choices: shown.map((u) => {
          const parent = u.parentCode ? getUnit(db, u.parentCode) : undefined;
          return {
            id: `/tiendo ${u.code}`,
            label: parent ? ctx.tr.t('campaign:tiendo.choiceLabel', { unit: u.name, parent: parent.name }) : u.name,
          };
        }),
      },
    ];
  };
}
