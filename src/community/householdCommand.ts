// /hogiadinh: a commune team records, per hamlet or area, the households it visited and
// those with at least one person holding an account. `/hogiadinh Ấp 3: 120 95` saves (or
// corrects) Ấp 3; `/hogiadinh` alone shows what is recorded. Every change is audited.
import { z } from 'zod';
import type { CommandContext } from '../bot/context.js';
import type { Reply } from '../bot/types.js';
import { can } from '../campaign/access.js';
import type { Unit } from '../campaign/units/types.js';
import type { Translator } from '../i18n/index.js';
import type { CommunityServices } from './deps.js';

/** Most households a hamlet could have; a bigger number is a typing mistake. */
const MAX_HOUSEHOLDS = 100_000;

/** `1.020` (Vietnamese thousands) or `1020`. */
const HouseholdCount = z
  .string()
  .regex(/^(\d{1,3}(\.\d{3})+|\d+)$/)
  .transform((v) => Number(v.replace(/\./g, '')))
  .pipe(z.number().int().min(0).max(MAX_HOUSEHOLDS));

export const HouseholdEntrySchema = z
  .object({
    area: z.string().trim().min(1).max(60).regex(/\p{L}/u),
    visited: HouseholdCount,
    withAccount: HouseholdCount,
  })
  .refine((e) => e.withAccount <= e.visited, { path: ['withAccount'] });

/**
 * `Ấp 3: 120, 95` → area, visited, with an account, read from the end (two numbers, then
 * whatever names the area) in one pass: no pattern that could backtrack over a long line.
 */
export function splitHouseholdEntry(typed: string): { area: string; visited: string; withAccount: string } | undefined {
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const isFigure = (c: string | undefined) => c !== undefined && /[\d.]/.test(c);
  let end = typed.length;
  const figure = (): string | undefined => {
    const stop = end;
    while (isFigure(typed[end - 1])) end--;
    const text = typed.slice(end, stop);
    return /^\d/.test(text) ? text : undefined;
  };
  const skipSpaces = () => {
    const stop = end;
    while (isSpace(typed[end - 1])) end--;
    return stop - end;
  };
  const withAccount = figure();
  if (withAccount === undefined) return undefined;
  skipSpaces();
  if (/[,;/]/.test(typed[end - 1] ?? '')) end--;
  skipSpaces();
  const visited = figure();
  // The area and the first number are apart by at least one space (an optional ":" before it).
  if (visited === undefined || skipSpaces() === 0) return undefined;
  if (/[:,;]/.test(typed[end - 1] ?? '')) end--;
  skipSpaces();
  return end > 0 ? { area: typed.slice(0, end), visited, withAccount } : undefined;
}

async function communeOf(s: CommunityServices, ctx: CommandContext): Promise<Unit | undefined> {
  const roles = await s.store.roles.rolesOf(ctx.person.id);
  for (const role of roles) {
    const unit = await s.store.units.getUnit(role.unitCode);
    if (unit?.kind === 'commune' && (await can(roles, 'team.record', unit.code, s.relationOf))) return unit;
  }
  return undefined;
}

function percentOf(tr: Translator, part: number, whole: number): string {
  return whole > 0 ? tr.fmt.percent(part / whole) : tr.t('community:households.noFigure');
}

async function summary(s: CommunityServices, tr: Translator, unit: Unit): Promise<string[]> {
  const areas = await s.coverage.areas(unit.code);
  const lines = [tr.t('community:households.heading', { unit: unit.name })];
  if (areas.length === 0) return [...lines, tr.t('community:households.none')];
  for (const a of areas)
    lines.push(
      tr.t('community:households.areaLine', {
        area: a.areaName,
        visited: tr.fmt.count(a.visited),
        withAccount: tr.fmt.count(a.withAccount),
        percent: percentOf(tr, a.withAccount, a.visited),
      }),
    );
  const visited = areas.reduce((n, a) => n + a.visited, 0);
  const withAccount = areas.reduce((n, a) => n + a.withAccount, 0);
  lines.push(
    tr.t('community:households.total', {
      visited: tr.fmt.count(visited),
      withAccount: tr.fmt.count(withAccount),
      percent: percentOf(tr, withAccount, visited),
    }),
  );
  return lines;
}

export function householdCommand(s: CommunityServices) {
  return async (ctx: CommandContext): Promise<Reply[]> => {
    const unit = await communeOf(s, ctx);
    if (!unit) return [{ text: ctx.tr.t('community:households.notAllowed') }];
    const typed = ctx.args.trim();
    if (!typed) return [{ text: [...(await summary(s, ctx.tr, unit)), '', ctx.tr.t('community:households.usage')].join('\n') }];
    const parts = splitHouseholdEntry(typed);
    const entry = parts ? HouseholdEntrySchema.safeParse(parts) : undefined;
    if (!entry?.success) {
      const tooMany = entry?.error.issues.some((i) => i.path[0] === 'withAccount' && i.code === 'custom');
      return [{ text: ctx.tr.t(tooMany ? 'community:households.moreThanVisited' : 'community:households.invalid') }];
    }
    const { area, visited, withAccount } = entry.data;
    const before = await s.coverage.record({
      unitCode: unit.code,
      areaName: area,
      visited,
      withAccount,
      by: ctx.person.id,
      at: ctx.now,
    });
    await s.store.audit.record({
      actorId: ctx.person.id,
      action: 'household.recorded',
      unitCode: unit.code,
      subject: `area:${area}`,
      details: {
        visited,
        withAccount,
        ...(before ? { before: { visited: before.visited, withAccount: before.withAccount } } : {}),
      },
      at: ctx.now,
    });
    const saved = before
      ? ctx.tr.t('community:households.corrected', {
          area: before.areaName,
          visitedBefore: ctx.tr.fmt.count(before.visited),
          withAccountBefore: ctx.tr.fmt.count(before.withAccount),
          visited: ctx.tr.fmt.count(visited),
          withAccount: ctx.tr.fmt.count(withAccount),
        })
      : ctx.tr.t('community:households.saved', {
          area,
          visited: ctx.tr.fmt.count(visited),
          withAccount: ctx.tr.fmt.count(withAccount),
        });
    return [{ text: [saved, '', ...(await summary(s, ctx.tr, unit))].join('\n') }];
  };
}
