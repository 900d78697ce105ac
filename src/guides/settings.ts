// The guides' settings: facts that change (the province, hotlines, the provincial centre's
// name and address, office hours) live in the province file and the environment, never in
// flow texts. The environment overrides the file; an empty value is unset.
import { z } from 'zod';
import { parseEnv } from '../config.js';
import { UNIT_CODE } from '../campaign/sourceTable/cells.js';
import { readProvinceFile } from './provinceFile.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A number as people dial it: digits, with spaces or dots between groups. */
const PHONE = /^\+?\d[\d .]{2,18}\d$/;

/** `Viettel 18008098; Vinaphone 18001091` → [{ name, number }]. */
const CarrierHotlines = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const entries = text
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const match = /^(.*?)[\s:]+(\+?\d[\d .]*\d)$/.exec(part);
        return match ? { name: match[1]!.trim(), number: match[2]!.trim() } : undefined;
      });
    if (entries.length === 0 || entries.some((e) => !e || !e.name || !PHONE.test(e.number))) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected "Network number; Network number", e.g. "Viettel 18008098; MobiFone 9090"',
      });
      return z.NEVER;
    }
    return entries as { name: string; number: string }[];
  });

const GuideEnvSchema = z.object({
  /** Unset by default: the number in the content brief is unverified. */
  PORTAL_HOTLINE: optionalText.pipe(z.string().regex(PHONE, 'expected a phone number, e.g. 1800 1096').optional()),
  /** Content brief §8.1 [A]: carrier hotlines listed by a commune People's Committee. */
  CARRIER_HOTLINES: CarrierHotlines.default([
    { name: 'Vinaphone', number: '18001091' },
    { name: 'Viettel', number: '18008098' },
    { name: 'MobiFone', number: '9090' },
  ]),
  /** "Tỉnh Vĩnh Long": the province as its unit list names it. */
  PROVINCE_NAME: optionalText,
  /** Unset: the card names the centre generically and says where to ask for the address. */
  PROVINCE_HELP_CENTRE: optionalText,
  PROVINCE_HELP_CENTRE_ADDRESS: optionalText,
  PROVINCE_HELP_CENTRE_HOURS: optionalText,
  PROVINCE_HELP_CENTRE_PHONE: optionalText.pipe(
    z.string().regex(PHONE, 'expected a phone number, e.g. 0270 3822 222').optional(),
  ),
  /** Unset: the contact card says "office hours on working days" in the reader's language. */
  DEFAULT_OFFICE_HOURS: optionalText,
  /** Only communes under this unit are offered by /hotro (e.g. the current province). */
  HELP_UNITS_UNDER: optionalText.pipe(z.string().toUpperCase().regex(UNIT_CODE, 'expected a unit code such as VL').optional()),
  VNEID_ANDROID_URL: z
    .url({ message: 'expected an https:// URL' })
    .default('https://play.google.com/store/apps/details?id=com.vnid'),
  /** Unset by default: no verified App Store address; the text says to search the store. */
  VNEID_IOS_URL: optionalText.pipe(z.url({ message: 'expected an https:// URL' }).optional()),
});

export interface GuideSettings {
  provinceName?: string;
  portalHotline?: string;
  carrierHotlines: { name: string; number: string }[];
  helpCentre: { name?: string; address?: string; officeHours?: string; phone?: string };
  defaultOfficeHours?: string;
  helpUnitsUnder?: string;
  vneidAndroidUrl: string;
  vneidIosUrl?: string;
}

/** Only what is set: the fields of an object whose value is undefined are left out. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The province file (data/province.yaml or PROVINCE_FILE) under the environment. Throws
 * ConfigError naming each bad variable or file entry, like the main configuration.
 */
export function parseGuideSettings(env: Readonly<Record<string, string | undefined>>): GuideSettings {
  const e = parseEnv(GuideEnvSchema, { ...readProvinceFile(env), ...defined({ ...env }) });
  return {
    ...(e.PROVINCE_NAME ? { provinceName: e.PROVINCE_NAME } : {}),
    ...(e.PORTAL_HOTLINE ? { portalHotline: e.PORTAL_HOTLINE } : {}),
    carrierHotlines: e.CARRIER_HOTLINES,
    helpCentre: defined({
      name: e.PROVINCE_HELP_CENTRE,
      address: e.PROVINCE_HELP_CENTRE_ADDRESS,
      officeHours: e.PROVINCE_HELP_CENTRE_HOURS,
      phone: e.PROVINCE_HELP_CENTRE_PHONE,
    }),
    ...(e.DEFAULT_OFFICE_HOURS ? { defaultOfficeHours: e.DEFAULT_OFFICE_HOURS } : {}),
    ...(e.HELP_UNITS_UNDER ? { helpUnitsUnder: e.HELP_UNITS_UNDER } : {}),
    vneidAndroidUrl: e.VNEID_ANDROID_URL,
    ...(e.VNEID_IOS_URL ? { vneidIosUrl: e.VNEID_IOS_URL } : {}),
  };
}

/**
 * The settings as flow-text variables (`{{carrierHotlines}}`). An unset value is the empty
 * string, so a choice or link guarded by `when:` on it is not shown.
 */
export function guideTextVars(settings: GuideSettings): Record<string, string> {
  return {
    portalHotline: settings.portalHotline ?? '',
    carrierHotlines: settings.carrierHotlines.map((c) => `${c.name} ${c.number}`).join(', '),
    vneidAndroidUrl: settings.vneidAndroidUrl,
    vneidIosUrl: settings.vneidIosUrl ?? '',
  };
}
