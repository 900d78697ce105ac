// i18next over `locales/<lang>/<namespace>.json`. Keys are written `namespace:key`;
// every sentence a person reads lives there, never in src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import { type Formatter, type Locale, LOCALES, formatterFor } from './format.js';
import { projectPath } from '../paths.js';

export type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

export function readLocaleResources(dir = projectPath('locales')): Resources {
  const resources = {} as Resources;
  for (const locale of LOCALES) {
    resources[locale] = {};
    const localeDir = join(dir, locale);
    for (const file of readdirSync(localeDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const ns = file.slice(0, -'.json'.length);
      const path = join(localeDir, file);
      try {
        resources[locale][ns] = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
      }
    }
  }
  return resources;
}

/** Every `ns:key.path` that resolves to a string in one locale. */
export function keysOf(resources: Resources, locale: Locale): Set<string> {
  const keys = new Set<string>();
  const walk = (ns: string, prefix: string, node: unknown): void => {
    if (typeof node === 'string') keys.add(`${ns}:${prefix}`);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(ns, prefix ? `${prefix}.${k}` : k, v);
  };
  for (const [ns, tree] of Object.entries(resources[locale] ?? {})) walk(ns, '', tree);
  return keys;
}

export interface Translator {
  locale: Locale;
  t(key: string, vars?: Record<string, unknown>): string;
  fmt: Formatter;
}

export class Texts {
  private constructor(
    private readonly instance: I18n,
    readonly resources: Resources,
  ) {}

  static load(defaultLocale: Locale = 'vi', resources = readLocaleResources()): Texts {
    const instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: defaultLocale,
      fallbackLng: defaultLocale,
      supportedLngs: [...LOCALES],
      ns: Object.keys(resources.vi ?? {}),
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
    return new Texts(instance, resources);
  }

  for(locale: Locale): Translator {
    const fixed = this.instance.getFixedT(locale);
    return {
      locale,
      t: (key, vars) => fixed(key, vars ?? {}),
      fmt: formatterFor(locale),
    };
  }

  has(key: string, locale: Locale): boolean {
    return this.instance.exists(key, { lng: locale, fallbackLng: false });
  }
}
