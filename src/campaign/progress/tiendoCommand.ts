// /tiendo [name or code]: an official's view of their unit, or of a unit beneath it.
// Who may see what is decided by access.ts alone; a refusal never names or counts a unit.
import type { CommandContext } from '../../bot/context.js';
import type { Reply } from '../../bot/types.js';
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { can, type RelationOf, scopesFor } from '../access.js';
import type { PersonRole } from '../roles/types.js';
import type { Unit } from '../units/types.js';
import { provinceDay } from '../weeks.js';
import { cumulativePoints, progressChartSvg, renderPng } from './chart.js';
import { packLines, progressReplies } from './progressReply.js';
import { communityProgressLines } from '../../community/progressSection.js';
import { type ProgressStore, type UnitProgress, unitProgress } from './unitProgress.js';

/** What /tiendo reads: its figures, the person's roles and the community lines. */
export type TiendoStore = ProgressStore & Pick<Store, 'roles' | 'households' | 'community' | 'guideOutcomes'>;

const AMBIGUOUS_LIMIT = 8;

/** The unit /tiendo shows without arguments: compilers and admins see their province. */
export async function homeUnit(store: Pick<Store, 'units'>, roles: readonly PersonRole[]): Promise<string | undefined> {
  const wide = roles.find((r) => r.role === 'compiler' || r.role === 'admin');
  if (wide) return (await store.units.ancestorCodes(wide.unitCode))[0] ?? wide.unitCode;
  // Otherwise the highest unit the person holds a role on (the first of equals); with one
  // role, the tree need not be asked.
  if (roles.length <= 1) return roles[0]?.unitCode;
  let home: { code: string; depth: number } | undefined;
  for (const role of roles) {
    const depth = (await store.units.ancestorCodes(role.unitCode)).length;
    if (!home || depth < home.depth) home = { code: role.unitCode, depth };
  }
  return home?.code;
}

async function visibleMatches(
  store: Pick<Store, 'units'>,
  roles: readonly PersonRole[],
  query: string,
  relationOf: RelationOf,
): Promise<Unit[]> {
  const scopes = scopesFor(roles, 'progress.view');
  const found: Unit[] = [];
  if (scopes === 'anywhere') found.push(...(await store.units.findUnitsByName(query, { limit: AMBIGUOUS_LIMIT + 1 })));
  else
    for (const under of scopes) found.push(...(await store.units.findUnitsByName(query, { under, limit: AMBIGUOUS_LIMIT + 1 })));
  const unique = [...new Map(found.map((u) => [u.code, u])).values()];
  const visible: Unit[] = [];
  for (const unit of unique) if (await can(roles, 'progress.view', unit.code, relationOf)) visible.push(unit);
  return visible;
}

/** The chart of a unit's three rates week by week as SVG (the dashboard shows it as is). */
export function progressChart(tr: Translator, p: UnitProgress): string | undefined {
  if (p.weekly.length === 0) return undefined;
  // Each point is labelled with the last day it covers: the current week stops at the data.
  const until = p.dataUntil ?? p.range.to;
  const points = cumulativePoints(
    p.weekly,
    (weekEnd) => (weekEnd < until ? weekEnd : until),
    // `08/12`: the day and month of the calendar day.
    (day) => tr.fmt.day(day).slice(0, 5),
  );
  return progressChartSvg(points, p.campaign.targets, {
    rates: {
      online: tr.t('campaign:rates.online'),
      payment: tr.t('campaign:rates.payment'),
      digitization: tr.t('campaign:rates.digitization'),
    },
    percent: (r) => tr.fmt.percent(r).replace(/[,.]0%$/, '%'),
  });
}

function chartFor(ctx: CommandContext, p: UnitProgress): Uint8Array | undefined {
  if (!ctx.capabilities.images) return undefined;
  const svg = progressChart(ctx.tr, p);
  return svg === undefined ? undefined : renderPng(svg);
}

export async function showProgress(ctx: CommandContext, store: TiendoStore, unitCode: string): Promise<Reply[]> {
  const today = provinceDay(ctx.now);
  const lookup = await unitProgress(store, unitCode, today);
  if (lookup.status === 'noUnit') return [{ text: ctx.tr.t('campaign:tiendo.notFound', { query: unitCode }) }];
  if (lookup.status === 'noCampaign') return [{ text: ctx.tr.t('campaign:tiendo.noCampaign', { unit: lookup.unit.name }) }];
  const chart = chartFor(ctx, lookup.progress);
  const replies = progressReplies(ctx.tr, lookup.progress, {
    today,
    maxTextLength: ctx.capabilities.maxTextLength,
    ...(chart ? { chart } : {}),
  });
  const community = await communityProgressLines(store, ctx.tr, lookup.progress.unit, lookup.progress.range);
  if (community.length > 0) replies.push(...packLines(community, ctx.capabilities.maxTextLength).map((text) => ({ text })));
  return replies;
}

export function tiendo(store: TiendoStore) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const roles = await store.roles.rolesOf(ctx.person.id);
    if (roles.length === 0) return [{ text: ctx.tr.t('campaign:tiendo.officialsOnly') }];
    const relationOf: RelationOf = (from, to) => store.units.relationOf(from, to);
    const query = ctx.args.trim();
    if (query === '') {
      const home = await homeUnit(store, roles);
      if (!home || !(await can(roles, 'progress.view', home, relationOf)))
        return [{ text: ctx.tr.t('campaign:tiendo.officialsOnly') }];
      return await showProgress(ctx, store, home);
    }
    const matches = await visibleMatches(store, roles, query, relationOf);
    if (matches.length === 0) return [{ text: ctx.tr.t('campaign:tiendo.notFound', { query }) }];
    if (matches.length === 1) return await showProgress(ctx, store, matches[0]!.code);
    const shown = matches.slice(0, AMBIGUOUS_LIMIT);
    const choices = [];
    for (const u of shown) {
      const parent = u.parentCode ? await store.units.getUnit(u.parentCode) : undefined;
      choices.push({
        id: `/tiendo ${u.code}`,
        label: parent ? ctx.tr.t('campaign:tiendo.choiceLabel', { unit: u.name, parent: parent.name }) : u.name,
      });
    }
    return [
      {
        text: ctx.tr.t(matches.length > AMBIGUOUS_LIMIT ? 'campaign:tiendo.manyMatches' : 'campaign:tiendo.whichUnit', { query }),
        choices,
      },
    ];
  };
}
