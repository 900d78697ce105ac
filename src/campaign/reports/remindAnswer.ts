// What the person who tapped "remind" reads back: which units were reminded (each name with
// its parent), when the messages go if it is quiet time, and the units nobody is
// registered for, grouped under their parent so "Xã An Hiệp" is never ambiguous.
import type { Translator } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import type { Unit } from '../units/types.js';
import type { ReminderOutcome } from './remind.js';
import { compareUnitNames } from '../units/nameOrder.js';
import { parentNamesOf } from './parentNames.js';

/** "Xã Tân Mỹ (Huyện Ba Tri)", or the bare name at the top of the tree. */
function withParent(tr: Translator, parents: ReadonlyMap<string, string>, unit: Unit): string {
  const parent = unit.parentCode && parents.get(unit.parentCode);
  return parent ? tr.t('reports:tonghop.unitWithParent', { unit: unit.name, parent }) : unit.name;
}

/** One line per parent, parents and names in Vietnamese order, each name once. `parents` by the parent's code. */
function groupedByParent(tr: Translator, parents: ReadonlyMap<string, string>, units: readonly Unit[]): string[] {
  const groups = new Map<string, Set<string>>();
  for (const unit of units) {
    const parent = (unit.parentCode && parents.get(unit.parentCode)) || '';
    groups.set(parent, (groups.get(parent) ?? new Set()).add(unit.name));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareUnitNames(a, b))
    .map(([parent, names]) => {
      const list = [...names].sort(compareUnitNames).join(', ');
      return parent
        ? tr.t('reports:tonghop.groupLine', { parent, names: list })
        : tr.t('reports:tonghop.topGroupLine', { names: list });
    });
}

export async function remindAnswer(
  tr: Translator,
  store: Pick<Store, 'units'>,
  outcome: ReminderOutcome,
  now: Date,
  quiet: { from: string; to: string },
): Promise<string> {
  const parents = await parentNamesOf(store, [...outcome.reminded, ...outcome.unreachable]);
  const lines: string[] = [];
  if (outcome.reminded.length > 0) {
    lines.push(
      tr.t('reports:tonghop.reminded', {
        units: outcome.reminded.length,
        queued: outcome.queued,
        names: outcome.reminded.map((u) => withParent(tr, parents, u)).join(', '),
      }),
    );
    if (outcome.sendsAt.getTime() > now.getTime())
      lines.push(
        tr.t('reports:tonghop.afterQuietHours', { from: quiet.from, to: quiet.to, at: tr.fmt.dateTime(outcome.sendsAt) }),
      );
  } else lines.push(tr.t('reports:tonghop.remindedNobody'));
  if (outcome.alreadyQueued) lines.push(tr.t('reports:tonghop.alreadyReminded', { count: outcome.alreadyQueued }));
  if (outcome.unreachable.length > 0)
    lines.push(
      '',
      tr.t('reports:tonghop.noOfficials', { count: outcome.unreachable.length }),
      ...groupedByParent(tr, parents, outcome.unreachable),
    );
  return lines.join('\n');
}
