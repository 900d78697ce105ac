// Whether a unit exists on a day: the tree keeps merged and renamed units with their dates.
import type { Unit } from './types.js';

/** A unit in force on the day (`YYYY-MM-DD`; open-ended dates always are). */
export function inForce(unit: Unit, day: string): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= day) && (unit.validTo === undefined || unit.validTo >= day);
}
