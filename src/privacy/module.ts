// The person's rights by chat: a short notice at first contact, consent per purpose
// (/quyenriengtu), what is kept (/dulieucuatoi) and erasure (/xoadulieu), each at once.
import type { CommandContext, FlowAction } from '../bot/context.js';
import type { BotModule, PersonalDataSection } from '../bot/module.js';
import type { Reply } from '../bot/types.js';
import type { Store } from '../store/index.js';
import { ConsentPurposeSchema } from './consent.js';
import { type CoreDataStore, corePersonalData } from './coreData.js';

export interface PrivacyDeps {
  store: CoreDataStore & Pick<Store, 'audit'>;
  /** The other modules' sections, read when a person asks. */
  sections: () => PersonalDataSection[];
  privacyNoticeUrl?: string;
}

const CONFIRM = 'xacnhan';

export function createPrivacyModule(deps: PrivacyDeps): BotModule {
  const core = corePersonalData(deps.store);

  const showData = async ({ person, tr, now }: CommandContext): Promise<Reply[]> => {
    const lines: string[] = [];
    for (const section of [core, ...deps.sections()]) lines.push(...(await section.describe(person.id, tr)));
    await deps.store.audit.record({ actorId: person.id, action: 'person.data_viewed', at: now });
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

  const erase = async ({ person, tr, args, now }: CommandContext): Promise<Reply[]> => {
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
    // Each module's part in turn, then the person and the record of the request in one
    // transaction. The person goes last: should a step fail, they are still there to ask
    // again, and every step erases only what is left.
    for (const section of deps.sections()) await section.erase?.(person.id);
    await deps.store.personalData.erasePerson(person.id, now);
    return [{ text: tr.t('privacy:erase.done') }];
  };

  const recordConsent: FlowAction = async ({ person, vars, now }) => {
    const purpose = ConsentPurposeSchema.safeParse(vars.purpose);
    if (purpose.success && (vars.decision === 'granted' || vars.decision === 'refused'))
      await deps.store.consent.decide(person.id, purpose.data, vars.decision === 'granted', now);
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
