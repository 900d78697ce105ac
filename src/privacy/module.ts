// The person's rights by chat: a short notice at first contact, consent per purpose
// (/quyenriengtu), what is kept (/dulieucuatoi) and erasure (/xoadulieu), each at once.
import type { CommandContext, FlowAction } from '../bot/context.js';
import type { BotModule, PersonalDataSection } from '../bot/module.js';
import type { Reply } from '../bot/types.js';
import type { Store } from '../store/index.js';
import { ConsentPurposeSchema, type ConsentRegistry } from './consent.js';
import { corePersonalData } from './coreData.js';

export interface PrivacyDeps {
  store: Store;
  consent: ConsentRegistry;
  /** The other modules' sections, read when a person asks. */
  sections: () => PersonalDataSection[];
  privacyNoticeUrl?: string;
}

const CONFIRM = 'xacnhan';

export function createPrivacyModule(deps: PrivacyDeps): BotModule {
  const core = corePersonalData(deps.store, deps.consent);

  const showData = ({ person, tr, now }: CommandContext): Reply[] => {
    const lines = [core, ...deps.sections()].flatMap((s) => s.describe(person.id, tr));
    deps.store.audit.record({ actorId: person.id, action: 'person.data_viewed', at: now });
    return [
      {
        text: [tr.t('privacy:data.title'), '', ...lines.map((l) => `• ${l}`), '', tr.t('privacy:data.rights')].join('\n'),
        choices: [
          { id: '/quyenriengtu', label: tr.t('privacy:data.changeConsent') },
          { id: '/xoadulieu', label: tr.t('privacy:data.erase') },
        ],
      },
    ];
  };

  const erase = ({ person, tr, args, now }: CommandContext): Reply[] => {
    if (args.trim().toLowerCase() !== CONFIRM) {
      return [
        {
          text: tr.t('privacy:erase.confirm'),
          choices: [
            { id: `/xoadulieu ${CONFIRM}`, label: tr.t('privacy:erase.yes') },
            { id: '/menu', label: tr.t('privacy:erase.no') },
          ],
        },
      ];
    }
    deps.store.db.transaction(() => {
      for (const section of [core, ...deps.sections()]) section.erase?.(person.id);
      deps.store.db.prepare('DELETE FROM person WHERE id = ?').run(person.id);
      // The record of the request outlives the person; it names no one.
      deps.store.audit.record({ action: 'person.data_deleted', subject: `person:${person.id}`, at: now });
    })();
    return [{ text: tr.t('privacy:erase.done') }];
  };

  const recordConsent: FlowAction = ({ person, vars, now }) => {
    const purpose = ConsentPurposeSchema.safeParse(vars.purpose);
    if (purpose.success && (vars.decision === 'granted' || vars.decision === 'refused'))
      deps.consent.decide(person.id, purpose.data, vars.decision === 'granted', now);
    return { outcome: 'done' };
  };

  return {
    name: 'privacy',
    commands: [
      { name: 'dulieucuatoi', handler: showData },
      { name: 'xoadulieu', handler: erase },
    ],
    actions: { consent_record: recordConsent },
    onFirstContact: ({ tr }) => [
      {
        text: tr.t('privacy:firstContact'),
        choices: [{ id: '/quyenriengtu', label: tr.t('privacy:firstContactChoose') }],
        ...(deps.privacyNoticeUrl ? { links: [{ label: tr.t('privacy:notice.link'), url: deps.privacyNoticeUrl }] } : {}),
      },
    ],
  };
}
