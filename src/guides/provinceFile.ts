// The province's own facts in one file (data/province.yaml by default, PROVINCE_FILE to
// choose another): its name, help centre, hotlines and app links. Each value is read as
// the default of the environment variable it names, so the environment still overrides.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { projectPath } from '../paths.js';

export const DEFAULT_PROVINCE_FILE = projectPath('data', 'province.yaml');

/** A value left empty ("") is unset: the bot says where to ask instead of guessing. */
const value = z.union([z.string(), z.number()]).transform(String).nullish();

const ProvinceFileSchema = z.strictObject({
  province_name: value,
  help_units_under: value,
  help_centre: z.strictObject({ name: value, address: value, office_hours: value, phone: value }).nullish(),
  default_office_hours: value,
  portal_hotline: value,
  carrier_hotlines: value,
  vneid_android_url: value,
  vneid_ios_url: value,
});

type ProvinceFile = z.infer<typeof ProvinceFileSchema>;

/** The environment variable each value of the file stands for. */
function asEnv(file: ProvinceFile): Record<string, string | undefined> {
  const centre = file.help_centre ?? {};
  const entries: [string, string | null | undefined][] = [
    ['PROVINCE_NAME', file.province_name],
    ['HELP_UNITS_UNDER', file.help_units_under],
    ['PROVINCE_HELP_CENTRE', centre.name],
    ['PROVINCE_HELP_CENTRE_ADDRESS', centre.address],
    ['PROVINCE_HELP_CENTRE_HOURS', centre.office_hours],
    ['PROVINCE_HELP_CENTRE_PHONE', centre.phone],
    ['DEFAULT_OFFICE_HOURS', file.default_office_hours],
    ['PORTAL_HOTLINE', file.portal_hotline],
    ['CARRIER_HOTLINES', file.carrier_hotlines],
    ['VNEID_ANDROID_URL', file.vneid_android_url],
    ['VNEID_IOS_URL', file.vneid_ios_url],
  ];
  return Object.fromEntries(entries.flatMap(([name, v]) => (v === undefined || v === null ? [] : [[name, v]])));
}

/**
 * The province file's values as environment defaults. A missing default file is no file;
 * a file named by PROVINCE_FILE must exist. Problems are one line each, naming the file.
 */
export function readProvinceFile(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const named = env.PROVINCE_FILE?.trim();
  const path = named || DEFAULT_PROVINCE_FILE;
  if (!existsSync(path)) {
    if (named) throw new ConfigError(`Configuration error: PROVINCE_FILE: ${path} does not exist`);
    return {};
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError(`Configuration error: ${path}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = ProvinceFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues
        .map((issue) => `Configuration error: ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`)
        .join('\n'),
    );
  return asEnv(parsed.data);
}
