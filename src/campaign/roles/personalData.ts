// What the campaign keeps about an official: their roles. Roles go with the person.
import type { PersonalDataSection } from '../../bot/module.js';
import type { Db } from '../../store/database.js';
import { rolesOf } from './repository.js';
import { getUnit } from '../units/repository.js';

export function rolesPersonalData(db: Db): PersonalDataSection {
  return {
    describe(personId, tr) {
      return rolesOf(db, personId).map((r) =>
        tr.t('privacy:data.role', { role: tr.t(`campaign:roles.${r.role}`), unit: getUnit(db, r.unitCode)?.name ?? r.unitCode }),
      );
    },
  };
}
