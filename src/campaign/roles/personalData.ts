// What the campaign keeps about an official: their roles. Roles go with the person.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Store } from '../../store/index.js';

export function rolesPersonalData(store: Pick<Store, 'roles' | 'units'>): PersonalDataSection {
  return {
    async describe(personId, tr) {
      const lines: string[] = [];
      for (const r of await store.roles.rolesOf(personId)) {
        const unit = await store.units.getUnit(r.unitCode);
        lines.push(tr.t('privacy:data.role', { role: tr.t(`campaign:roles.${r.role}`), unit: unit?.name ?? r.unitCode }));
      }
      return lines;
    },
  };
}
