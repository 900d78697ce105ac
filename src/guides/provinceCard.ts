// What a person reads about the provincial Public Administration Service Centre: only what
// the province has set, and where to ask for the rest, never a guessed name or number.
import type { Reply } from '../bot/types.js';
import type { Translator } from '../i18n/index.js';
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';
import type { GuideSettings } from './settings.js';

export function provinceCard(
  tr: Translator,
  settings: Pick<GuideSettings, 'provinceName' | 'helpCentre' | 'defaultOfficeHours'>,
): Reply[] {
  const centre = settings.helpCentre;
  const name =
    centre.name ??
    (settings.provinceName
      ? tr.t('guides:hotro.centre.nameOf', {
          province: tr.locale === 'vi' ? unitNameInSentence(settings.provinceName) : settings.provinceName,
        })
      : tr.t('guides:hotro.centre.nameGeneric'));
  const hours = centre.officeHours ?? settings.defaultOfficeHours ?? tr.t('guides:hotro.card.defaultHours');
  const lines = [
    tr.t('guides:hotro.centre.name', { name }),
    centre.address ? tr.t('guides:hotro.card.address', { address: centre.address }) : tr.t('guides:hotro.centre.askAddress'),
    ...(centre.phone ? [tr.t('guides:hotro.card.phone', { phone: centre.phone })] : []),
    tr.t('guides:hotro.card.hours', { hours }),
  ];
  return [{ text: lines.join('\n') }];
}
